/**
 * The one table of error codes: every code the application answers with — the domain's rule codes and
 * the application's own — with its HTTP status and its text in Simplified Chinese and English. The API's
 * `message` is the English text with specifics (dates, limits); pages show the table's text in the
 * reader's language. Plain data with no server imports, so client components read it too.
 */
import { ruleMessages, withDetails, type RuleCode } from "@/lib/domain/errors";

/** HTTP statuses the API answers with, by error family. */
export type ApiStatus = 400 | 401 | 403 | 404 | 409 | 422 | 429 | 500 | 503;

/** One code's row: the status it is answered with and what a reader is told. */
export type ErrorEntry = { readonly status: ApiStatus; readonly en: string; readonly zh: string };

/** The locales error texts exist in. */
export type ErrorLocale = "zh-CN" | "en";

/** A broken plan rule is the caller's to fix: every rule code answers 422, with the domain's own texts. */
const RULE_ERRORS = Object.fromEntries(
  Object.entries(ruleMessages).map(([code, text]) => [code, { status: 422, ...text }]),
) as {
  readonly [C in RuleCode]: { readonly status: 422; readonly en: string; readonly zh: string };
};

/** Codes the server answers with (ApiError, the error mapper and the action wrappers), by status. */
const APPLICATION_ERRORS = {
  // 400: the request itself is malformed.
  BAD_REQUEST: {
    status: 400,
    en: "Some fields are missing or not valid; check them and submit again.",
    zh: "提交的内容有误：部分字段缺失或格式不正确，请检查后重新提交。",
  },
  INVALID_VALUE: {
    status: 400,
    en: "A value in the request is out of range or malformed.",
    zh: "提交的数值超出允许范围或格式不正确。",
  },
  CONFIRM_REQUIRED: {
    status: 400,
    en: "Preview the corporate action first, then confirm it to record it.",
    zh: "请先预览本次权益分派或股本变动的调整结果，确认无误后再提交登记。",
  },
  FILE_TOO_LARGE: {
    status: 400,
    en: "The file is too large: at most 5 MB, and at most 100 MB once unpacked.",
    zh: "文件过大：不得超过 5 MB，解压后不得超过 100 MB。请精简后重新上传。",
  },
  // Imports (lib/features/imports): missingColumnsError fills {missingZh}/{missingEn} with the columns' names.
  MISSING_COLUMNS: {
    status: 400,
    en: "Missing required column: {missingEn}. Use the template's header row.",
    zh: "缺少必填列：{missingZh}。请按模板的表头填写。",
  },
  TOO_MANY_ROWS: {
    status: 400,
    en: "The list has more rows than one upload may hold.",
    zh: "名单行数超过单次上传的上限。",
  },
  WARNINGS_NOT_ACCEPTED: {
    status: 400,
    en: "The preview shows warnings to accept before applying; check them, accept them and apply again. Nothing was written.",
    zh: "预览中有需确认的提示，请查看并勾选确认后再应用；本次未写入任何内容。",
  },
  // Closing prices (lib/features/tax): a line of an imported file that cannot be read.
  CLOSING_PRICE_INVALID_DATE: {
    status: 400,
    en: "The date is not a date as yyyy-mm-dd or yyyy/mm/dd.",
    zh: "日期格式不正确，请按 yyyy-mm-dd 或 yyyy/mm/dd 填写。",
  },
  CLOSING_PRICE_INVALID_CLOSE: {
    status: 400,
    en: "The closing price must be a positive number with at most 4 decimals.",
    zh: "收盘价须为大于零的数字，最多 4 位小数。",
  },
  CLOSING_PRICE_FILE_EMPTY: {
    status: 400,
    en: "The file has no closing prices below its header row.",
    zh: "文件表头下没有任何收盘价数据。",
  },
  // 401 / 403: who is asking.
  UNAUTHENTICATED: { status: 401, en: "Sign in to continue.", zh: "请先登录。" },
  FORBIDDEN: { status: 403, en: "Your role does not allow this.", zh: "您的角色无权执行此操作。" },
  CROSS_ORIGIN: {
    status: 403,
    en: "Cross-origin requests may not change data.",
    zh: "来自其他站点的请求不得修改数据。",
  },
  SECOND_FACTOR_REQUIRED: {
    status: 401,
    en: "Confirm it is you with your authenticator code, passkey or a recovery code.",
    zh: "请使用身份验证器动态码、通行密钥或恢复码完成第二步验证。",
  },
  SECOND_FACTOR_INVALID: {
    status: 401,
    en: "That code or passkey was not accepted (a code works only once). Try again.",
    zh: "验证码或通行密钥未通过验证（每个验证码只能使用一次），请重试。",
  },
  STEP_UP_REQUIRED: {
    status: 401,
    en: "This action needs a fresh confirmation: give your second factor again (it is older than 10 minutes).",
    zh: "此操作需要重新验证：您上次的第二步验证已超过10分钟，请再次验证后重试。",
  },
  ENROLMENT_NOT_STARTED: {
    status: 409,
    en: "Start the set-up again: no authenticator or passkey set-up is waiting for this code.",
    zh: "没有正在进行的身份验证器或通行密钥设置，请重新开始设置。",
  },
  NO_SECOND_FACTOR: {
    status: 409,
    en: "Add an authenticator app or a passkey first: recovery codes come with a second factor.",
    zh: "请先添加身份验证器应用或通行密钥：恢复码随第二步验证方式一起提供。",
  },
  LAST_FACTOR_REQUIRED: {
    status: 409,
    en: "Your role requires a second factor: add another one before removing this one.",
    zh: "您的角色必须启用第二步验证：请先添加另一种验证方式，再删除此项。",
  },
  TOO_MANY_ATTEMPTS: {
    status: 429,
    en: "Too many failed attempts: wait a little and try again.",
    zh: "失败次数过多，请稍后再试。",
  },
  TOKEN_NOT_ALLOWED: {
    status: 403,
    en: "This needs a signed-in user, not an API token.",
    zh: "此操作须由登录用户本人办理，不接受 API 令牌。",
  },
  // 404: missing, or not the caller's to see (the two are indistinguishable on purpose).
  NOT_FOUND: {
    status: 404,
    en: "The record does not exist, or you may not see it.",
    zh: "未找到相关记录，或您无权查看。",
  },
  SETUP_LINK_INVALID: {
    status: 404,
    en: "This link is not valid or has already been used. Ask an administrator for a new one.",
    zh: "此链接无效或已被使用，请联系管理员重新发送。",
  },
  SETUP_LINK_EXPIRED: {
    status: 404,
    en: "This link has expired (links work for 72 hours). Ask an administrator for a new one.",
    zh: "此链接已过期（有效期 72 小时），请联系管理员重新发送。",
  },
  // 409: the request is fine but the record's state does not allow it.
  ALREADY_COMPENSATED: {
    status: 409,
    en: "A compensating action has already been recorded for this corporate action.",
    zh: "该权益分派或股本变动已登记过冲回调整，不能重复冲回。",
  },
  ALREADY_LEFT: {
    status: 409,
    en: "This person's departure is already recorded (leave date {leaveDate}): to change its date or reason, correct it; if they did not leave, withdraw it.",
    zh: "该人员已登记离职（离职日期{leaveDate}）：如需修改离职日期或原因，请更正该离职登记；如其并未离职，请撤销该登记。",
  },
  CATEGORY_IN_USE: {
    status: 409,
    en: "A category that is on a participant list cannot be removed.",
    zh: "该类别已用于激励对象名单，不能删除。",
  },
  DUPLICATE_CLOSURE: {
    status: 409,
    en: "A closure date is already recorded, or is listed twice.",
    zh: "休市日重复：该日期已登记，或在本次提交中重复列出。",
  },
  EMAIL_TAKEN: { status: 409, en: "A user with this email already exists.", zh: "该邮箱已被其他用户使用。" },
  FIRST_GRANT_EXISTS: {
    status: 409,
    en: "The plan's first grant has already been made.",
    zh: "本计划已完成首次授予，不能重复授予。",
  },
  INVALID_TRANSITION: {
    status: 409,
    en: "The plan cannot move to that status from its current one.",
    zh: "计划当前所处状态不能变更为所选状态。",
  },
  NO_GENERAL_MEETING: {
    status: 409,
    en: "Reserved awards need the date of the general meeting that approved the plan.",
    zh: "授予预留权益前，须先登记审议通过本计划的股东会日期。",
  },
  NO_ISSUER: {
    status: 409,
    en: "Set up the issuer before creating plans.",
    zh: "请先登记公司（发行人）信息，再创建激励计划。",
  },
  NO_SHARE_CAPITAL: { status: 409, en: "The issuer's share capital is not recorded.", zh: "尚未登记公司股本总额。" },
  PERSON_EXISTS: {
    status: 409,
    en: "A person with this employee number is already on record.",
    zh: "该工号已有人员记录。",
  },
  PERSON_ALREADY_LINKED: {
    status: 409,
    en: "This person is already linked to another user.",
    zh: "该员工已关联到其他用户。",
  },
  PLAN_CLOSED: {
    status: 409,
    en: "The plan has ended; its lists can no longer change.",
    zh: "本计划已结束，激励对象名单不能再变更。",
  },
  PLAN_NOT_DRAFT: { status: 409, en: "Only a draft plan can be edited.", zh: "计划已不是草案状态，不能再修改。" },
  PLAN_ENDED: {
    status: 409,
    en: "The plan has ended; its categories and vesting arrangements can no longer change.",
    zh: "本计划已结束，激励对象类别及归属安排不能再修改。",
  },
  GRANT_VOIDED: {
    status: 409,
    en: "This grant was voided (recorded by mistake); there is nothing to confirm.",
    zh: "该授予已作废（系误录），无需确认。",
  },
  PLAN_NOT_BOARD_APPROVED: {
    status: 409,
    en: "The board has not approved the draft plan yet: record its approval before publicising the list.",
    zh: "董事会尚未审议通过本计划草案，请先登记董事会审议通过，再公示激励对象名单。",
  },
  PLAN_STATUS: {
    status: 409,
    en: "The plan's current status does not allow this grant.",
    zh: "计划当前所处状态下不能办理该批次授予。",
  },
  PUBLICITY_ALREADY_CLOSED: {
    status: 409,
    en: "The publicity period is already closed.",
    zh: "本次公示已办结，不能重复关闭。",
  },
  PUBLICITY_ALREADY_OPEN: {
    status: 409,
    en: "The plan already has an open publicity period; close it first.",
    zh: "本计划已有正在进行的公示，请待该公示结束并办结后再发起新的公示。",
  },
  RULE_SET_NAME_TAKEN: {
    status: 409,
    en: "A different blackout rule set already has this name.",
    zh: "已有其他不得归属期间规则使用该名称。",
  },
  SELF_DEMOTION: { status: 409, en: "You cannot remove your own admin role.", zh: "不能移除自己的管理员角色。" },
  SELF_DISABLE: { status: 409, en: "You cannot disable your own account.", zh: "不能停用自己的账户。" },
  SELF_FACTOR_RESET: {
    status: 409,
    en: "You cannot reset your own second factors here: manage them on your account page, or ask another administrator.",
    zh: "不能在此重置自己的第二步验证：请在“我的账户”页面管理，或请其他管理员办理。",
  },
  USER_DISABLED: {
    status: 409,
    en: "Enable the account before resetting its password.",
    zh: "请先启用该账户，再重置密码。",
  },
  VESTING_RUN_EXISTS: {
    status: 409,
    en: "This tranche has already been vested for the batch and category.",
    zh: "该批次、该类别的本期归属已办理，不能重复办理。",
  },
  // Vesting batches (issue #16): each step in its order.
  VESTING_BATCH_STATUS: {
    status: 409,
    en: "The vesting batch is not at the step this needs.",
    zh: "归属批次当前所处环节不能办理此操作。",
  },
  VESTING_BATCH_PERIOD_TAKEN: {
    status: 409,
    en: "A tranche period is already part of another vesting batch.",
    zh: "所选归属期已包含在另一个归属批次中。",
  },
  VESTING_RUN_IN_BATCH: {
    status: 409,
    en: "This vesting run belongs to a vesting batch whose conditions were confirmed; it can no longer be reversed.",
    zh: "该次归属已纳入已确认归属条件的归属批次，不能再撤销。",
  },
  // Corrections (issue #21): voiding a grant batch, reversing a vesting run.
  BATCH_ALREADY_VOIDED: {
    status: 409,
    en: "This grant batch has already been voided.",
    zh: "该授予批次已作废，不能重复作废。",
  },
  BATCH_VOIDED: {
    status: 409,
    en: "This grant batch was voided: nothing can be vested under it.",
    zh: "该授予批次已作废，不能办理归属。",
  },
  RUN_ALREADY_REVERSED: {
    status: 409,
    en: "This vesting run has already been reversed.",
    zh: "该次归属办理已撤销，不能重复撤销。",
  },
  // 422: understood, but refused by a rule of the application.
  AMBIGUOUS_BATCH: {
    status: 422,
    en: "The plan has several reserved batches: choose one.",
    zh: "本计划有多个预留授予批次，请指定具体批次。",
  },
  DUPLICATE_GRADE: { status: 422, en: "A person has more than one grade.", zh: "同一人员录入了多个考核结果。" },
  DUPLICATE_ITEM: {
    status: 422,
    en: "A person appears more than once in the grant.",
    zh: "同一人员在本次授予中重复出现。",
  },
  FAIR_VALUE_TERMS_MISSING: {
    status: 422,
    en: "Enter a volatility and a risk-free rate for every term of the plan's tranches.",
    zh: "请为本计划各归属期对应的期限分别填写历史波动率和无风险利率。",
  },
  FAIR_VALUE_BATCH_OTHER_PLAN: {
    status: 422,
    en: "The grant resolution belongs to another plan.",
    zh: "所选授予批次不属于本激励计划。",
  },
  FAIR_VALUE_CATEGORY_UNKNOWN: {
    status: 422,
    en: "Each assumed quantity must name one of the plan's participant categories, once.",
    zh: "预计授予数量须对应本计划的激励对象类别，且每个类别只填写一次。",
  },
  FAIR_VALUE_QUANTITY_EXCEEDS_PLAN: {
    status: 422,
    en: "The assumed quantities exceed the shares the plan grants.",
    zh: "预计授予数量合计超过本激励计划拟授予的权益总数。",
  },
  INVALID_CLOSURE: {
    status: 422,
    en: "A closure must be a weekday of the year being published.",
    zh: "休市日须为所发布年度内的工作日（周末无需登记）。",
  },
  INVALID_EVENT: {
    status: 422,
    en: "The disclosure event's dates are incomplete or out of order.",
    zh: "披露事项的日期不完整，或起止日期先后有误。",
  },
  // Closing prices (lib/features/tax): the portal keeps only real prices of real trading days.
  CLOSING_PRICE_NOT_TRADING_DAY: {
    status: 422,
    en: "{tradeDate} is not an SSE trading day: there is no closing price for it.",
    zh: "{tradeDate}不是上交所交易日，当日没有收盘价。",
  },
  CLOSING_PRICE_IN_FUTURE: {
    status: 422,
    en: "{tradeDate} is after today ({today}): a closing price can be entered once the day has traded.",
    zh: "{tradeDate}晚于今日（{today}）：收盘价须在该交易日收盘后录入。",
  },
  CLOSING_PRICE_DUPLICATE_DATE: {
    status: 422,
    en: "The same date appears more than once in the file.",
    zh: "同一日期在文件中出现了多次。",
  },
  CLOSING_PRICE_IMPORT_INVALID: {
    status: 422,
    en: "The closing-price file has errors; nothing was written. Correct the lines shown and import it again.",
    zh: "收盘价文件有误，未写入任何数据。请按提示更正相应行后重新导入。",
  },
  INVALID_PERSON_FILE: {
    status: 422,
    en: "The people file has errors; nothing was written. Correct the rows shown and upload it again.",
    zh: "人员文件有误，未写入任何数据。请按提示更正后重新上传。",
  },
  INVALID_PARTICIPANT_LIST: {
    status: 422,
    en: "The participant list has errors; nothing was saved.",
    zh: "激励对象名单存在错误，未保存任何内容。",
  },
  ISSUER_AMBIGUOUS: {
    status: 422,
    en: "Several issuers exist: name the plan the event belongs to.",
    zh: "系统中登记了多家发行人，请指明该事项所属的激励计划。",
  },
  LIST_VERSION_OTHER_PLAN: {
    status: 422,
    en: "The list version belongs to another plan.",
    zh: "所选名单版本属于其他激励计划。",
  },
  MISSING_GRADES: {
    status: 422,
    en: "Grades are missing for grantees still employed.",
    zh: "尚有在职激励对象未录入个人绩效考核结果。",
  },
  NOT_A_GRANTEE: {
    status: 422,
    en: "Grades were given for people without a grant in this batch and category.",
    zh: "部分考核结果对应的人员在该批次、该类别下未获授权益。",
  },
  NOT_ON_LIST: {
    status: 422,
    en: "Some people are not on the verified list in that category.",
    zh: "部分人员不在经核查的激励对象名单的该类别中。",
  },
  NOT_REVERSIBLE: {
    status: 422,
    en: "This corporate action cannot be reversed; correct an error with a new, separately resolved adjustment.",
    zh: "该权益分派或股本变动不能冲回；如有差错，请另行履行审议程序并登记新的调整。",
  },
  NOT_VERIFIED: { status: 422, en: "The participant list has not been verified yet.", zh: "激励对象名单尚未经核查。" },
  NO_LIST_VERSION: {
    status: 422,
    en: "The plan has no participant list yet; import one first.",
    zh: "本计划尚无激励对象名单，请先导入名单。",
  },
  OWNER_DISABLED: { status: 422, en: "A disabled user cannot own a token.", zh: "已停用的用户不能持有令牌。" },
  OWNER_LACKS_ROLE: { status: 422, en: "The owner does not hold this role.", zh: "所选用户不持有该角色。" },
  PASSWORD_MISMATCH: { status: 422, en: "The two passwords differ.", zh: "两次输入的密码不一致。" },
  PASSWORD_TOO_SHORT: { status: 422, en: "Use at least 10 characters.", zh: "密码至少 10 个字符。" },
  PASSWORD_TOO_LONG: { status: 422, en: "Use at most 200 characters.", zh: "密码最多 200 个字符。" },
  PASSWORD_TOO_COMMON: {
    status: 422,
    en: "This password is one of the most common ones; choose another.",
    zh: "该密码属于最常用的密码之一，请另选。",
  },
  PERSON_LEFT: { status: 422, en: "Some people have left the company.", zh: "部分人员已离职。" },
  PUBLICITY_CLOSED: {
    status: 422,
    en: "This publicity period is not open for objections.",
    zh: "当前不在公示期内，不能提出异议。",
  },
  QUANTITY_ABOVE_LIST: {
    status: 422,
    en: "Some quantities are above the verified list.",
    zh: "部分授予数量超过经核查名单所列数量。",
  },
  UNKNOWN_CATEGORY: { status: 422, en: "A category does not belong to this plan.", zh: "所选类别不属于本计划。" },
  UNKNOWN_EMPLOYEE: { status: 422, en: "Some employee numbers are not known.", zh: "部分工号没有对应的人员。" },
  UNKNOWN_EMPLOYEE_NO: { status: 422, en: "No person has this employee number.", zh: "没有该工号对应的员工。" },
  UNKNOWN_GRADE: {
    status: 422,
    en: "Some grades are not in the plan's grade table.",
    zh: "部分考核结果不在本计划的考核等级表中。",
  },
  UNKNOWN_USER: { status: 422, en: "No user has this id.", zh: "所选用户不存在。" },
  WRONG_VERIFYING_BODY: {
    status: 422,
    en: "This plan's list is verified by another body.",
    zh: "本计划的激励对象名单应由其他机构核查。",
  },
  YEAR_ALREADY_PUBLISHED: {
    status: 422,
    en: "The bundled exchange calendar already covers that year; its closures cannot be changed here.",
    zh: "系统内置的交易所日历已包含该年度，其休市安排不能在此修改。",
  },
  YEAR_REPUBLISH_REQUIRED: {
    status: 409,
    en: "That year's closures were declared complete: adding one changes its trading days and vesting dates already shown. Re-publish the year explicitly, giving a reason.",
    zh: "该年度休市安排已发布：新增休市日会改变其交易日及已显示的归属日期。请明确重新发布该年度，并说明原因。",
  },
  YEAR_GAP: {
    status: 422,
    en: "Publish the earlier year first: the calendar covers years in order.",
    zh: "请先发布前一年度的休市安排，交易日历须逐年连续。",
  },
  VESTING_BATCH_RUN_MISSING: {
    status: 422,
    en: "Record the vesting run of each tranche period on the batch's registration date first.",
    zh: "请先按归属批次的登记日为每个归属期办理归属（公司层面与个人考核结果）。",
  },
  VESTING_BATCH_EMPTY: {
    status: 422,
    en: "No share may vest in this batch: nobody met the conditions.",
    zh: "本归属批次没有可归属的股份：无人满足归属条件。",
  },
  PAYMENT_DEADLINE_NOT_REACHED: {
    status: 422,
    en: "The payment can be closed on or after its deadline.",
    zh: "缴款截止日当日或之后方可结束缴款。",
  },
  CLOSING_PRICE_MISSING: {
    status: 422,
    en: "Enter the closing price of the registration date first: the tax is computed from it, never guessed.",
    zh: "请先录入登记日的收盘价：个人所得税按该价格计算，系统不会估计价格。",
  },
  LISTING_DATE_INVALID: {
    status: 422,
    en: "The listing date must be an SSE trading day on or after the registration date.",
    zh: "上市流通日须为上交所交易日，且不早于登记日。",
  },
  REFERENCE_TEMPLATE_INVALID: {
    status: 422,
    en: "The payment reference uses an unknown placeholder or names no grantee.",
    zh: "缴款附言模板含有未知占位符，或不能区分缴款人。",
  },
  TAX_DEFERRAL_UNAVAILABLE: {
    status: 422,
    en: "Only a computed, positive income tax of a registered vesting can be paid in instalments.",
    zh: "仅已登记归属且已计算出应纳税额的个人所得税可以选择分期缴纳。",
  },
  PAYMENT_NOT_FOUND_LINE: {
    status: 422,
    en: "This person has no line in the vesting batch.",
    zh: "该人员不在本归属批次的归属名单中。",
  },
  // 5xx: not the caller's fault.
  INTERNAL: { status: 500, en: "Something went wrong on our side.", zh: "系统出现错误，请稍后重试。" },
  DATABASE_UNAVAILABLE: {
    status: 503,
    en: "The database is not reachable; try again shortly.",
    zh: "数据库暂时无法连接，请稍后重试。",
  },
} as const satisfies Record<string, ErrorEntry>;

/**
 * Codes only the browser makes, when no server answer carries one: the status is the one a server would
 * have given. `HTTP_ERROR` stands for the `HTTP_<status>` codes forms build from a bare status.
 */
const CLIENT_ERRORS = {
  NETWORK: {
    status: 503,
    en: "The server could not be reached; check the connection and try again.",
    zh: "无法连接服务器，请检查网络后重试。",
  },
  ATTACHMENT_TOO_LARGE: {
    status: 400,
    en: "The attachment is larger than 5 MB.",
    zh: "附件超过 5 MB，请压缩后重新上传。",
  },
  HTTP_ERROR: {
    status: 500,
    en: "The server could not complete the request; try again.",
    zh: "服务器未能完成请求，请稍后重试。",
  },
} as const satisfies Record<string, ErrorEntry>;

/** Every code with its status and texts. */
export const ERROR_CODES = { ...RULE_ERRORS, ...APPLICATION_ERRORS, ...CLIENT_ERRORS } as const satisfies Record<
  string,
  ErrorEntry
>;

/** Any code in the table. */
export type ErrorCode = keyof typeof ERROR_CODES;
/** A code the server may answer with: what `ApiError` accepts. */
export type ServerErrorCode = Exclude<ErrorCode, keyof typeof CLIENT_ERRORS>;
/** The codes only the browser makes. */
export const CLIENT_ERROR_CODES = Object.keys(CLIENT_ERRORS) as (keyof typeof CLIENT_ERRORS)[];

/** A form's fallback code for an answer without a JSON error body, e.g. HTTP_413 from a proxy. */
const HTTP_FALLBACK = /^HTTP_\d{3}$/;

/** True when `code` is in the table. */
export function isErrorCode(code: string | null | undefined): code is ErrorCode {
  return typeof code === "string" && Object.prototype.hasOwnProperty.call(ERROR_CODES, code);
}

/**
 * The reader's text for a code: the table's, or the generic one for an `HTTP_<status>` fallback; for a
 * code the table does not know, `fallback` (the server's message) or else the code itself.
 */
export function errorText(
  code: string | null | undefined,
  locale: ErrorLocale,
  fallback?: string,
  details?: Readonly<Record<string, unknown>> | null,
): string {
  const entry: ErrorEntry | undefined = isErrorCode(code)
    ? ERROR_CODES[code]
    : code && HTTP_FALLBACK.test(code)
      ? ERROR_CODES.HTTP_ERROR
      : undefined;
  if (!entry) return fallback ?? code ?? "";
  return withDetails(locale === "en" ? entry.en : entry.zh, details);
}
