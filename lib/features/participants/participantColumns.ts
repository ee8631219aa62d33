import "server-only";
import { headerLookup, type ImportColumn } from "@/lib/features/imports/importColumns";
import type { ParticipantField } from "@/lib/features/participants/rowShape";

/**
 * The participant list's columns in template order: the China-format headers, their English names and
 * the other names issuers' lists use. Headers match after normalising (case, spaces, units in brackets),
 * alone or paired ("工号 Employee no.").
 */
export const PARTICIPANT_COLUMNS: readonly ImportColumn<ParticipantField>[] = [
  {
    field: "employeeNo",
    required: true,
    zh: "工号",
    en: "Employee no.",
    aliases: ["员工编号", "员工工号", "employee no", "employee number", "employeeno", "employee id"],
    example: "E00001",
    text: true,
    hint: { zh: "人员档案中的工号。", en: "The employee number of the person record." },
  },
  {
    field: "name",
    required: true,
    zh: "姓名",
    en: "Name",
    aliases: ["full name"],
    example: "张三",
    hint: { zh: "须与人员档案中的姓名一致。", en: "Must match the name on the person record." },
  },
  {
    field: "nationality",
    required: false,
    zh: "国籍",
    en: "Nationality",
    aliases: [],
    example: "中国",
    hint: { zh: "留空则取人员档案中的国籍。", en: "Left empty, the person record's nationality is used." },
  },
  {
    field: "position",
    required: false,
    zh: "职务",
    en: "Position",
    aliases: ["职位", "title"],
    example: "核心技术人员",
    hint: {
      zh: "公示名单上印出的职务。缺少本列时，须确认后方可按人员档案中的职务导入。",
      en: "The position the public notice prints. Without this column the positions of the HR records are used, once you accept that.",
    },
  },
  {
    field: "categoryId",
    required: true,
    zh: "类别",
    en: "Category",
    aliases: ["激励对象类别", "类别代码", "category code", "categoryid"],
    example: "1",
    hint: {
      zh: "本计划激励对象类别的代码（见下表）。",
      en: "The code of one of the plan's categories (listed below).",
    },
  },
  {
    field: "quantity",
    required: true,
    zh: "授予数量",
    en: "Quantity",
    aliases: ["获授数量", "拟授予数量", "获授的限制性股票数量", "granted quantity", "grant quantity"],
    example: "10000",
    hint: { zh: "拟授予的限制性股票数量（股），正整数。", en: "Shares to grant, a whole number above zero." },
  },
  {
    field: "idNumber",
    required: false,
    zh: "身份证号",
    en: "ID number",
    aliases: ["身份证号码", "证件号码", "证件号", "id no.", "id no", "idnumber"],
    example: "",
    text: true,
    hint: {
      zh: "选填，仅与人员档案比对，不会保存。",
      en: "Optional; only compared with the person record, never stored.",
    },
  },
];

/** The field a header cell names, if any. */
export const participantFieldOfHeader = headerLookup(PARTICIPANT_COLUMNS);
