import cdf from "@stdlib/stats-base-dists-normal-cdf";

/**
 * Φ(x), the standard normal distribution function. stdlib evaluates it through its erfc (W. J. Cody's
 * rational approximations as stdlib ports them from FreeBSD's msun), accurate to about 1e-16; the
 * fair value needs 1e-6 at most (0.01 yuan on a price in the hundreds).
 */
export function standardNormalCdf(x: number): number {
  return cdf(x, 0, 1);
}
