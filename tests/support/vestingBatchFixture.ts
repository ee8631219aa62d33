import type { VestingBatchDto, VestingBatchLineDto } from "../../lib/features/vesting-batches/batchDto";
import type { RegistrarIdentity } from "../../lib/features/vesting-batches/registers/registrarList";

// One registered batch, three grantees at 19.68, closing price 45.00 on the registration day:
// 张三 paid 59,040.00 for all 3,000 shares; 李四 paid 30,000.00 for 3,000 → 1,524 shares (29,992.32),
// refund 7.68, 1,476 waived; 王五 never paid → 0 shares, 2,000 waived.
function line(
  over: Partial<VestingBatchLineDto> & Pick<VestingBatchLineDto, "personId" | "employeeNo" | "name">,
): VestingBatchLineDto {
  return {
    lineId: `line-${over.personId}`,
    grantId: `grant-${over.personId}`,
    isDirector: false,
    isSeniorManager: false,
    grantBatchId: "gb-first",
    categoryId: "cat-1",
    trancheIndex: 1,
    shares: 3000,
    adjustedPrice: "19.68",
    amountDue: "59040.00",
    reference: `VEST-1-${over.employeeNo}`,
    paid: "0.00",
    paidShares: 0,
    waivedShares: 0,
    refund: "0.00",
    closingPrice: "45.00",
    taxableIncome: null,
    tax: null,
    taxStatus: null,
    yearToDateIncome: null,
    yearToDateTax: null,
    taxDeferralEnd: null,
    securitiesAccount: null,
    ...over,
  };
}

export function fixtureBatch(): VestingBatchDto {
  return {
    id: "batch-1",
    planId: "plan-1",
    planName: "2024年限制性股票激励计划",
    issuerId: "issuer-1",
    issuerName: "示例科技股份有限公司",
    stockCode: "688001",
    parValue: "1.00",
    batchNo: 1,
    status: "registered",
    registrationDate: "2025-06-16",
    paymentStart: "2025-06-03",
    paymentDeadline: "2025-06-10",
    payeeName: "示例科技股份有限公司",
    payeeBank: "招商银行上海分行",
    payeeAccount: "121900000000001",
    referenceTemplate: "VEST-{batchNo}-{employeeNo}",
    shareSource: "new_issue",
    listingDate: "2025-06-20",
    createdAt: "2025-05-20T02:00:00.000Z",
    updatedAt: "2025-06-20T02:00:00.000Z",
    periods: [
      {
        grantBatchId: "gb-first",
        grantBatchKind: "first",
        grantDate: "2024-05-20",
        categoryId: "cat-1",
        categoryLabel: "董事、高级管理人员、核心技术人员及骨干员工",
        trancheIndex: 1,
        vestingRunId: "run-1",
        companyRatio: "1.0000",
        fiscalYear: 2024,
      },
    ],
    lines: [
      // (45.00 − 19.68) × 3,000 = 75,960.00; 75,960.00 × 10 % − 2,520 = 5,076.00
      line({
        personId: "p1",
        employeeNo: "E00123",
        name: "张三",
        isDirector: true,
        isSeniorManager: true,
        paid: "59040.00",
        paidShares: 3000,
        taxableIncome: "75960.00",
        tax: "5076.00",
        taxStatus: "computed",
        yearToDateIncome: "75960.00",
        yearToDateTax: "5076.00",
        taxDeferralEnd: "2028-06-16",
        securitiesAccount: "A123456789",
      }),
      // 25.32 × 1,524 = 38,587.68; 38,587.68 × 10 % − 2,520 = 1,338.768 → 1,338.77
      line({
        personId: "p2",
        employeeNo: "E00456",
        name: "李四",
        paid: "30000.00",
        paidShares: 1524,
        waivedShares: 1476,
        refund: "7.68",
        taxableIncome: "38587.68",
        tax: "1338.77",
        taxStatus: "computed",
        yearToDateIncome: "38587.68",
        yearToDateTax: "1338.77",
        securitiesAccount: "A987654321",
      }),
      line({
        personId: "p3",
        employeeNo: "E00789",
        name: "王五",
        isDirector: true,
        shares: 2000,
        amountDue: "39360.00",
        waivedShares: 2000,
      }),
    ],
    // 3,000 + 3,000 + 2,000 = 8,000 due (157,440.00); paid 89,040.00; 4,524 vest; 3,476 waived; tax 6,414.77
    totals: {
      people: 3,
      shares: 8000,
      amountDue: "157440.00",
      paid: "89040.00",
      paidShares: 4524,
      waivedShares: 3476,
      refund: "7.68",
      tax: "6414.77",
    },
  };
}

export const ids = new Map<string, RegistrarIdentity>([
  ["p1", { idType: "resident_id", idNumber: "110101199003074514" }],
  ["p2", { idType: "passport", idNumber: "E12345678" }],
]);
