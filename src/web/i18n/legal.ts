/** UI strings of the legal registry page, under the "legal" key: t('legal.title'). */
export const vi = {
  title: 'Văn bản pháp lý và căn cứ',
  link: 'Văn bản pháp lý và căn cứ',
  intro: 'Các văn bản mà quy tắc, chỉ tiêu, thời hạn của Khiên viện dẫn; trạng thái tính đến ngày {{day}}.',
  flags: 'Quy tắc viện dẫn văn bản không còn hiệu lực hoặc cần xác nhận ({{count}})',
  noFlags: 'Mọi quy tắc đều viện dẫn văn bản còn hiệu lực.',
  rule: 'Quy tắc', citation: 'Căn cứ', instrument: 'Văn bản', issuer: 'Cơ quan ban hành', issuedOn: 'Ngày ban hành',
  inForceFrom: 'Hiệu lực từ', inForceUntil: 'Hết hiệu lực từ', replacedBy: 'Thay thế bởi', status: 'Trạng thái', citedBy: 'Được viện dẫn bởi',
  note: 'Ghi chú', sources: 'Nguồn đối chiếu', checkedOn: 'Đối chiếu ngày', notCited: 'Chưa có quy tắc nào viện dẫn',
  statuses: { in_force: 'Còn hiệu lực', replaced: 'Đã được thay thế', expired: 'Hết hiệu lực', to_confirm: 'Cần xác nhận' },
  standings: { not_in_force: 'Không còn hiệu lực', to_confirm: 'Cần xác nhận' },
  sourceKinds: { official_text: 'văn bản chính thức', codified_text: 'Bộ pháp điển', provincial_seed: 'văn bản gốc của tỉnh', secondary: 'nguồn thứ cấp' },
};

export const en: typeof vi = {
  title: 'Legal instruments and citations',
  link: 'Legal instruments and citations',
  intro: 'The instruments Khiên\'s rules, targets and deadlines cite; status as of {{day}}.',
  flags: 'Rules citing an instrument no longer in force or to confirm ({{count}})',
  noFlags: 'Every rule cites an instrument in force.',
  rule: 'Rule', citation: 'Citation', instrument: 'Instrument', issuer: 'Issued by', issuedOn: 'Issued on',
  inForceFrom: 'In force from', inForceUntil: 'No longer in force from', replacedBy: 'Replaced by', status: 'Status', citedBy: 'Cited by',
  note: 'Note', sources: 'Sources read', checkedOn: 'Checked on', notCited: 'No rule cites it',
  statuses: { in_force: 'In force', replaced: 'Replaced', expired: 'Expired', to_confirm: 'To confirm' },
  standings: { not_in_force: 'No longer in force', to_confirm: 'To confirm' },
  sourceKinds: { official_text: 'the official text', codified_text: 'the legal codification', provincial_seed: 'the province\'s own document', secondary: 'secondary sources' },
};
