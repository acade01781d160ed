/**
 * A complete initial report (Decision 05/2017/QĐ-TTg Art. 11(4)) by `agencyId` on `systemIds`, detected an hour ago:
 * the operator, its contact point, the infrastructure provider, the affected addresses, the measures taken. `over`
 * replaces any part.
 */
export const initialReport = (agencyId: number, systemIds: number[], over: Record<string, unknown> = {}) => ({
  agencyId,
  systemIds,
  title: 'Máy trạm nhiễm mã độc',
  kind: 'malware',
  severity: 'medium',
  detectedAt: new Date(Date.now() - 3_600_000).toISOString(),
  description: 'Máy trạm kết nối định kỳ tới máy chủ điều khiển đã biết.',
  actionsTaken: 'Đã cách ly máy trạm khỏi mạng.',
  operatorName: 'Phòng Công nghệ thông tin',
  operatorAddress: '12 đường Lê Lợi, tỉnh Demo',
  infrastructureProvider: 'VNPT Demo (Viễn thông Demo)',
  affectedAddresses: ['192.0.2.10'],
  reporterPosition: 'Chuyên viên công nghệ thông tin',
  reporterPhone: '0912 345 678',
  reporterEmail: 'cntt@demo.gov.vn',
  ...over,
});
