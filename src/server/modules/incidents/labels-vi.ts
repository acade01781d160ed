import type {
  HandlingCapacity,
  IncidentEffect,
  IncidentKind,
  IncidentSeverity,
  IncidentStatus,
  ObservableType,
  Tlp,
} from '../../../shared/incidents/vocabulary.ts';

/** Vietnamese names used in official documents and hotline titles (the web UI has its own translations). */
export const KIND_VI: Record<IncidentKind, string> = {
  malware: 'Mã độc',
  ransomware: 'Mã độc tống tiền',
  intrusion: 'Xâm nhập trái phép',
  defacement: 'Thay đổi giao diện trang web',
  ddos: 'Tấn công từ chối dịch vụ',
  data_leak: 'Lộ, lọt dữ liệu',
  phishing: 'Lừa đảo trực tuyến',
  account_compromise: 'Chiếm đoạt tài khoản',
  other: 'Sự cố khác',
};

export const SEVERITY_VI: Record<IncidentSeverity, string> = { low: 'Thấp', medium: 'Trung bình', high: 'Cao', critical: 'Nghiêm trọng cao' };

export const STATUS_VI: Record<IncidentStatus, string> = {
  received: 'Đã tiếp nhận báo cáo',
  triaged: 'Đã phân loại',
  responding: 'Đang ứng cứu',
  contained: 'Đã ngăn chặn',
  recovered: 'Đã khôi phục',
  closed: 'Đã kết thúc',
  rejected: 'Từ chối',
  merged: 'Gộp vào sự cố khác',
};

export const OBSERVABLE_VI: Record<ObservableType, string> = {
  ip: 'Địa chỉ IP',
  domain: 'Tên miền',
  url: 'Đường dẫn (URL)',
  file_hash: 'Mã băm tệp',
  email: 'Thư điện tử',
  cve: 'Lỗ hổng (CVE)',
};

export const TLP_LABEL = (tlp: Tlp) => `TLP:${tlp.toUpperCase()}`;

/** Decision 05/2017 Art. 9(1) a–đ, in the words of the documents. */
export const EFFECT_VI: Record<IncidentEffect, string> = {
  service_disruption: 'Hệ thống bị gián đoạn dịch vụ',
  secret_data_exposure: 'Dữ liệu tuyệt mật hoặc bí mật nhà nước có khả năng bị tiết lộ',
  unrecoverable_integrity_loss: 'Dữ liệu quan trọng không bảo đảm toàn vẹn và không khôi phục được',
  loss_of_control: 'Hệ thống bị mất quyền điều khiển',
  spread_or_cascade: 'Có khả năng lan rộng hoặc gây ảnh hưởng dây chuyền tới hệ thống cấp độ 4, 5 khác',
};

export const CAPACITY_VI: Record<HandlingCapacity, string> = {
  within: 'Đơn vị vận hành tự xử lý được',
  beyond_operator: 'Có thể vượt khả năng xử lý của đơn vị vận hành',
  beyond_owner: 'Chủ quản hệ thống không đủ khả năng tự kiểm soát, xử lý',
};
