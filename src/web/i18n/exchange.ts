/** UI strings of the exchange packages for the Ministry's platforms, under the "exchange" key. */
export const vi = {
  title: 'Gửi lên nền tảng của Bộ',
  download: 'Tải gói hồ sơ để gửi',
  packageHint:
    'Gói ZIP gồm văn bản Word, nội dung dưới dạng JSON, các tệp đính kèm và danh mục kèm mã băm SHA-256. Nền tảng không có giao diện kết nối: tải gói này lên nền tảng rồi ghi lại số tham chiếu nền tảng cấp.',
  address: 'Địa chỉ: {{address}}',
  noAddress: 'Các văn bản hiện có không nêu tên và địa chỉ của nền tảng này.',
  basis: 'Căn cứ: {{source}}.',
  record: 'Ghi nhận đã gửi',
  reference: 'Số tham chiếu do nền tảng cấp',
  submittedOn: 'Ngày gửi',
  note: 'Ghi chú',
  none: 'Chưa ghi nhận lần gửi nào.',
  current: 'Đúng nội dung hiện tại',
  outdated: 'Nội dung đã thay đổi sau lần gửi này',
  by: 'Ghi nhận bởi {{name}} lúc {{at}}',
};

export const en = {
  title: "Upload to the Ministry's platform",
  download: 'Download the package to upload',
  packageHint:
    'A ZIP with the Word documents, their content as JSON, the attached files and a list of files with SHA-256 digests. The platform offers no connection: upload this package there, then record the reference it gives.',
  address: 'Address: {{address}}',
  noAddress: 'The texts at hand give neither the name nor the address of this platform.',
  basis: 'Basis: {{source}}.',
  record: 'Record the upload',
  reference: 'Reference given by the platform',
  submittedOn: 'Uploaded on',
  note: 'Note',
  none: 'No upload recorded yet.',
  current: 'Matches the current content',
  outdated: 'The content changed after this upload',
  by: 'Recorded by {{name}} at {{at}}',
};
