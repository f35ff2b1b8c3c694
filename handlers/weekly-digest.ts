/** The weekly digest (schedule): src/app/digest.ts, posted once per week in the digest channel. */
import { type DigestPostOutcome, runWeeklyDigest } from '../src/app/digest';

export { runWeeklyDigest } from '../src/app/digest';

export async function handler(): Promise<DigestPostOutcome> {
  return runWeeklyDigest(process.env);
}
