import Decimal from "decimal.js";
import { RuleError } from "../errors";
import { Dec } from "../numeric/decimal";
import { standardNormalCdf } from "./normalCdf";

/**
 * The inputs of one tranche's grant-date fair value, as plan texts disclose them: the closing price on
 * the grant date (S), the grant price (K), the term from the grant to the tranche's first vesting date in
 * years (T), the volatility (σ, of an index the company names), the risk-free rate (r, the PBOC deposit
 * rate for the term) and the dividend yield (q, often 0). Rates are fractions: 23.13 % is 0.2313.
 */
export interface FairValueInputs {
  sharePrice: number;
  grantPrice: number;
  years: number;
  volatility: number;
  riskFreeRate: number;
  dividendYield: number;
}

/**
 * Grant-date fair value of one Class II restricted share, by Black–Scholes with a continuous dividend
 * yield (Merton 1973): C = S·e^(−qT)·Φ(d1) − K·e^(−rT)·Φ(d2), d1 = (ln(S/K) + (r − q + σ²/2)·T) / (σ√T),
 * d2 = d1 − σ√T.
 *
 * Why an option formula: the Ministry of Finance's case study 《股份支付准则应用案例——授予限制性股票》
 * treats a Class II restricted share as, in substance, an option to buy at the grant price, and plan texts
 * say "第二类限制性股票股份支付费用的计量参照股票期权执行" (CAS 11 with CAS 22). See
 * docs/domain/share-based-payment.md for the worked examples the tests pin.
 */
export function blackScholesValue(inputs: FairValueInputs): number {
  assertInputs(inputs);
  const { sharePrice: S, grantPrice: K, years: T, volatility: v, riskFreeRate: r, dividendYield: q } = inputs;
  const sqrtT = Math.sqrt(T);
  const d1 = (Math.log(S / K) + (r - q + (v * v) / 2) * T) / (v * sqrtT);
  const d2 = d1 - v * sqrtT;
  return S * Math.exp(-q * T) * standardNormalCdf(d1) - K * Math.exp(-r * T) * standardNormalCdf(d2);
}

/**
 * The fair value per share as disclosed and booked: rounded half-up to the fen. Published expense tables
 * are shares × this rounded value (生益电子's 7,362.75万 ties out only with 18.76 and 18.90, not with the
 * unrounded 18.7646 and 18.8961), so the schedule multiplies by it too.
 */
export function fairValuePerShare(inputs: FairValueInputs): string {
  return new Dec(blackScholesValue(inputs)).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2);
}

function assertInputs(i: FairValueInputs): void {
  const problems: string[] = [];
  for (const [name, value] of Object.entries(i))
    if (!Number.isFinite(value)) problems.push(`${name} must be a finite number`);
  if (!(i.sharePrice > 0)) problems.push("share price must be above 0");
  if (!(i.grantPrice > 0)) problems.push("grant price must be above 0");
  if (!(i.years > 0 && i.years <= 10)) problems.push("term must be above 0 and at most 10 years");
  if (!(i.volatility > 0 && i.volatility <= 5)) problems.push("volatility must be above 0 and at most 500 %");
  if (!(i.riskFreeRate >= -0.1 && i.riskFreeRate <= 1)) problems.push("risk-free rate must lie in [−10 %, 100 %]");
  if (!(i.dividendYield >= 0 && i.dividendYield < 1)) problems.push("dividend yield must lie in [0, 100 %)");
  if (problems.length > 0) throw new RuleError("INVALID_FAIR_VALUE_INPUTS", { problems, inputs: { ...i } });
}
