/** Deterministic synthetic people for the demo company: Chinese names with pinyin, valid-format fictional ID numbers. */

const SURNAMES: [string, string][] = [
  ["王", "Wang"],
  ["李", "Li"],
  ["张", "Zhang"],
  ["刘", "Liu"],
  ["陈", "Chen"],
  ["杨", "Yang"],
  ["黄", "Huang"],
  ["赵", "Zhao"],
  ["吴", "Wu"],
  ["周", "Zhou"],
  ["徐", "Xu"],
  ["孙", "Sun"],
  ["马", "Ma"],
  ["朱", "Zhu"],
  ["胡", "Hu"],
  ["郭", "Guo"],
  ["何", "He"],
  ["林", "Lin"],
  ["罗", "Luo"],
  ["高", "Gao"],
  ["梁", "Liang"],
  ["宋", "Song"],
  ["唐", "Tang"],
  ["许", "Xu"],
];
const GIVEN: [string, string][] = [
  ["伟", "Wei"],
  ["芳", "Fang"],
  ["娜", "Na"],
  ["敏", "Min"],
  ["静", "Jing"],
  ["磊", "Lei"],
  ["洋", "Yang"],
  ["艳", "Yan"],
  ["勇", "Yong"],
  ["军", "Jun"],
  ["杰", "Jie"],
  ["涛", "Tao"],
  ["明", "Ming"],
  ["超", "Chao"],
  ["秀英", "Xiuying"],
  ["霞", "Xia"],
  ["平", "Ping"],
  ["刚", "Gang"],
  ["晨", "Chen"],
  ["宇", "Yu"],
  ["浩", "Hao"],
  ["欣", "Xin"],
  ["子涵", "Zihan"],
  ["思远", "Siyuan"],
  ["雨桐", "Yutong"],
  ["嘉怡", "Jiayi"],
  ["一鸣", "Yiming"],
  ["若曦", "Ruoxi"],
  ["志强", "Zhiqiang"],
  ["海燕", "Haiyan"],
  ["建华", "Jianhua"],
];
const FOREIGN: [string, string][] = [
  ["Daniel Weber", "DE"],
  ["Aiko Tanaka", "JP"],
  ["Priya Nair", "IN"],
  ["Lucas Moreau", "FR"],
  ["Sofia Rossi", "IT"],
];
const DEPARTMENTS: [string, string][] = [
  ["研发中心", "R&D"],
  ["产品部", "Product"],
  ["云服务事业部", "Cloud"],
  ["市场部", "Marketing"],
  ["销售部", "Sales"],
  ["质量部", "Quality"],
  ["运营部", "Operations"],
];
const POSITIONS = ["核心技术骨干", "核心管理人员", "高级工程师", "资深工程师", "产品经理", "技术专家", "部门经理"];

/** Small seeded PRNG (mulberry32) so every seed run produces the same company. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** GB 11643 check character for the first 17 digits of a resident ID number. */
export function idCheckCharacter(first17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((acc, ch, i) => acc + Number(ch) * weights[i]!, 0);
  return "10X98765432"[sum % 11]!;
}

/** One synthetic person. */
export interface SyntheticPerson {
  index: number;
  employeeNo: string;
  name: string;
  namePinyin: string;
  nationality: string;
  position: string;
  department: string;
  idNumber: string;
  isForeign: boolean;
}

/** Makes `count` people numbered from 1; people listed in `foreignAt` are foreign staff with passport-style numbers. */
export function syntheticPeople(count: number, foreignAt: number[]): SyntheticPerson[] {
  const rnd = seededRandom(20210602);
  const people: SyntheticPerson[] = [];
  for (let i = 1; i <= count; i++) {
    const dept = DEPARTMENTS[Math.floor(rnd() * DEPARTMENTS.length)]!;
    const position = POSITIONS[Math.floor(rnd() * POSITIONS.length)]!;
    const foreignIndex = foreignAt.indexOf(i);
    if (foreignIndex >= 0) {
      const [name, nationality] = FOREIGN[foreignIndex % FOREIGN.length]!;
      people.push({
        index: i,
        employeeNo: employeeNo(i),
        name,
        namePinyin: name,
        nationality,
        position: "技术专家",
        department: dept[0],
        idNumber: `P${String(10_000_000 + i * 7919).slice(0, 8)}`,
        isForeign: true,
      });
      continue;
    }
    const [s, sp] = SURNAMES[Math.floor(rnd() * SURNAMES.length)]!;
    const [g, gp] = GIVEN[Math.floor(rnd() * GIVEN.length)]!;
    const birth = `${1975 + Math.floor(rnd() * 25)}${String(1 + Math.floor(rnd() * 12)).padStart(2, "0")}${String(1 + Math.floor(rnd() * 28)).padStart(2, "0")}`;
    // 110108 is a real district prefix, but birth date and sequence are random: these numbers belong to nobody.
    const first17 = `110108${birth}${String(100 + i).slice(-3)}`;
    people.push({
      index: i,
      employeeNo: employeeNo(i),
      name: s + g,
      namePinyin: `${sp} ${gp}`,
      nationality: "CN",
      position,
      department: dept[0],
      idNumber: first17 + idCheckCharacter(first17),
      isForeign: false,
    });
  }
  return people;
}

/** Employee numbers look like E00042. */
export function employeeNo(index: number): string {
  return `E${String(index).padStart(5, "0")}`;
}

/** Splits `total` shares over `count` people in whole hundreds (the last takes the rest), deterministic for a seed. */
export function allocateQuantities(total: number, count: number, seed: number): number[] {
  const rnd = seededRandom(seed);
  const weights = Array.from({ length: count }, () => 0.6 + rnd());
  const sum = weights.reduce((a, b) => a + b, 0);
  const quantities = weights.map((w) => Math.max(100, Math.floor((total * w) / sum / 100) * 100));
  const allocated = quantities.slice(0, -1).reduce((a, b) => a + b, 0);
  quantities[count - 1] = total - allocated;
  return quantities;
}
