import "server-only";
import { headerLookup, type ImportColumn } from "@/lib/features/imports/importColumns";
import type { PERSON_IMPORT_FIELDS } from "@/lib/features/persons/personSchemas";

/** A column of the people file (the imports' column shape). */
export type PersonColumn = ImportColumn<PersonField>;

export type PersonField = (typeof PERSON_IMPORT_FIELDS)[number];

/** The people file's columns in template order; headers match after normalising (case, spaces, units). */
export const PERSON_COLUMNS: readonly PersonColumn[] = [
  {
    field: "employeeNo",
    required: true,
    text: true,
    zh: "工号",
    en: "Employee no.",
    aliases: ["员工编号", "员工工号", "employee number", "employee id"],
    example: "E20001",
  },
  { field: "name", required: true, zh: "姓名", en: "Name", aliases: ["中文姓名", "full name"], example: "张三" },
  {
    field: "namePinyin",
    required: false,
    zh: "拼音",
    en: "Pinyin",
    aliases: ["姓名拼音", "英文名", "name pinyin", "english name"],
    example: "Zhang San",
  },
  { field: "position", required: true, zh: "职务", en: "Position", aliases: ["职位", "title"], example: "研发工程师" },
  {
    field: "department",
    required: false,
    zh: "部门",
    en: "Department",
    aliases: ["所属部门", "dept"],
    example: "研发中心",
  },
  {
    field: "email",
    required: false,
    zh: "邮箱",
    en: "E-mail",
    aliases: ["电子邮箱", "工作邮箱", "email", "e-mail address"],
    example: "zhangsan@example.com",
  },
  {
    field: "nationality",
    required: false,
    zh: "国籍",
    en: "Nationality",
    aliases: ["国家", "country"],
    example: "中国",
  },
  {
    field: "idType",
    required: false,
    zh: "证件类型",
    en: "ID type",
    aliases: ["证件种类", "document type"],
    example: "居民身份证",
  },
  {
    field: "idNumber",
    required: false,
    text: true,
    zh: "证件号码",
    en: "ID number",
    aliases: ["身份证号", "身份证号码", "证件号", "id no."],
    example: "11010519491231002X",
  },
  { field: "isDirector", required: false, zh: "董事", en: "Director", aliases: ["是否董事"], example: "否" },
  {
    field: "isSeniorManager",
    required: false,
    zh: "高级管理人员",
    en: "Senior manager",
    aliases: ["高管", "是否高管"],
    example: "否",
  },
  {
    field: "isCoreTechnician",
    required: false,
    zh: "核心技术人员",
    en: "Core technician",
    aliases: ["是否核心技术人员"],
    example: "是",
  },
  {
    field: "isForeign",
    required: false,
    zh: "外籍员工",
    en: "Foreign employee",
    aliases: ["外籍", "是否外籍"],
    example: "否",
  },
  {
    field: "isIndependentDirector",
    required: false,
    zh: "独立董事",
    en: "Independent director",
    aliases: [],
    example: "否",
  },
  { field: "isSupervisor", required: false, zh: "监事", en: "Supervisor", aliases: [], example: "否" },
  {
    field: "isMajorHolder",
    required: false,
    zh: "持股5%以上股东",
    en: "Holder of 5 % or more",
    aliases: ["5%以上股东"],
    example: "否",
  },
  {
    field: "isActualControllerOrRelative",
    required: false,
    zh: "实际控制人或其亲属",
    en: "Actual controller or relative",
    aliases: ["实际控制人"],
    example: "否",
  },
];

/** The field a header cell names ("工号", "Employee no.", "*工号 Employee no." alike), if any. */
export const personFieldOfHeader = headerLookup(PERSON_COLUMNS);
