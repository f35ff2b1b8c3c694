/**
 * The end of standard support of each EKS Kubernetes version (14 months after its release on EKS), from the EKS
 * release calendar on the date below. A version missing here is one the table does not know: the check says so
 * rather than guess. Extend the table when EKS releases a version.
 */
export const EKS_VERSIONS_WRITTEN_ON = '2026-12-07';

export const EKS_STANDARD_SUPPORT_END: Readonly<Record<string, string>> = {
  '1.23': '2023-10-11',
  '1.24': '2024-01-31',
  '1.25': '2024-05-01',
  '1.26': '2024-06-11',
  '1.27': '2024-07-24',
  '1.28': '2024-11-26',
  '1.29': '2025-03-23',
  '1.30': '2025-07-23',
  '1.31': '2025-11-26',
  '1.32': '2026-03-23',
  '1.33': '2026-07-29',
  '1.34': '2026-12-02',
  '1.35': '2027-03-27',
};
