/**
 * The inventory spreadsheet's vocabulary: its columns and, for every enumerated column, the values an officer may
 * write — the Vietnamese label the UI shows, the English one, the code, and other wordings in use. Everything is
 * compared through `foldKey` (no diacritics, case, spaces or punctuation), so "ĐANG VẬN HÀNH", "dang van hanh",
 * the decomposed (NFD) "Đang vận hành" and "in_operation" read alike.
 */
import { headerKey } from '../../../shared/core/header-key.ts';
import type { DATA_KINDS, HOSTINGS, ONLINE_SERVICE, SYSTEM_STATUSES } from '../../../shared/systems/schemas.ts';

export type Label = { vi: string; en: string; also?: readonly string[] };

/** A cell or header → comparison key; a value made only of signs ("✓", "-") stays itself. */
export const foldKey = (s: string) => headerKey(s) || s.trim();

export const STATUS_LABELS: Record<(typeof SYSTEM_STATUSES)[number], Label> = {
  planned: { vi: 'Đang lập kế hoạch', en: 'Planned', also: ['Kế hoạch', 'Lập kế hoạch', 'Dự kiến'] },
  in_development: { vi: 'Đang xây dựng', en: 'In development', also: ['Xây dựng', 'Đang triển khai', 'Đang phát triển'] },
  in_operation: { vi: 'Đang vận hành', en: 'In operation', also: ['Vận hành', 'Đã vận hành', 'Đang hoạt động', 'Hoạt động', 'Đang sử dụng'] },
  retired: { vi: 'Đã dừng', en: 'Retired', also: ['Dừng', 'Dừng hoạt động', 'Ngừng hoạt động', 'Ngừng vận hành', 'Đã ngừng', 'Không sử dụng'] },
};

export const HOSTING_LABELS: Record<(typeof HOSTINGS)[number], Label> = {
  provincial_dc: { vi: 'Trung tâm dữ liệu tỉnh', en: 'Provincial data centre', also: ['Trung tâm dữ liệu', 'TTDL tỉnh', 'TTDL', 'Provincial data center'] },
  agency_premises: { vi: 'Tại cơ quan', en: 'Agency premises', also: ['Tại chỗ', 'Tại đơn vị', 'Phòng máy chủ cơ quan', 'On premises'] },
  cloud: { vi: 'Điện toán đám mây', en: 'Cloud', also: ['Đám mây', 'Thuê dịch vụ đám mây'] },
};

export const ONLINE_LABELS: Record<(typeof ONLINE_SERVICE)[number], Label> = {
  none: { vi: 'Không cung cấp', en: 'None', also: ['Không', 'Không có'] },
  information: { vi: 'Chỉ cung cấp thông tin', en: 'Information only', also: ['Cung cấp thông tin', 'Thông tin'] },
  partial: { vi: 'Một phần', en: 'Partly online', also: ['Trực tuyến một phần', 'Dịch vụ công trực tuyến một phần'] },
  full: { vi: 'Toàn trình', en: 'Fully online', also: ['Trực tuyến toàn trình', 'Dịch vụ công trực tuyến toàn trình'] },
};

export const DATA_KIND_LABELS: Record<(typeof DATA_KINDS)[number], Label> = {
  public: { vi: 'Thông tin công cộng', en: 'Public information', also: ['Công cộng', 'Thông tin công khai', 'Công khai'] },
  internal: { vi: 'Thông tin nội bộ', en: 'Internal information', also: ['Nội bộ'] },
  personal: { vi: 'Dữ liệu cá nhân', en: 'Personal data', also: ['Cá nhân', 'Thông tin cá nhân', 'Dữ liệu cá nhân cơ bản'] },
  sensitive_personal: { vi: 'Dữ liệu cá nhân nhạy cảm', en: 'Sensitive personal data', also: ['Nhạy cảm', 'Thông tin cá nhân nhạy cảm'] },
  important: { vi: 'Dữ liệu quan trọng', en: 'Important data', also: ['Quan trọng'] },
  state_secret: { vi: 'Bí mật nhà nước', en: 'State secrets', also: ['Bí mật', 'State secret'] },
};

/** The yes/no columns (the export writes "x" for yes and leaves no empty). */
export const FLAG_LABELS: Record<'yes' | 'no', Label> = {
  yes: { vi: 'Có', en: 'Yes', also: ['x', '✓', 'true', '1', 'Đúng', 'C', 'Y'] },
  no: { vi: 'Không', en: 'No', also: ['false', '0', 'Sai', 'K', 'N', '-'] },
};

export type ColumnKey =
  | 'code'
  | 'name'
  | 'agency'
  | 'operator'
  | 'purpose'
  | 'status'
  | 'goLiveOn'
  | 'hosting'
  | 'cloudProvider'
  | 'servesInternal'
  | 'servesOtherAgencies'
  | 'servesPublic'
  | 'internalUsers'
  | 'publicUsers'
  | 'dataKinds'
  | 'onlinePublicService'
  | 'software';

export type Column = Label & {
  key: ColumnKey;
  required?: true;
  /** The values of an enumerated column (one of them; `dataKinds` takes several). */
  values?: Record<string, Label>;
  /** What to write, for the template's instructions. */
  hint: { vi: string; en: string };
};

const FLAG_HINT = { vi: 'Có hoặc Không (để trống là Không).', en: 'Yes or No (empty is No).' };
const COUNT_HINT = { vi: 'Số nguyên, có thể để trống.', en: 'A whole number, may be empty.' };

/** In file order (export and template). */
export const COLUMNS: readonly Column[] = [
  {
    key: 'code',
    vi: 'Mã hệ thống',
    en: 'System code',
    also: ['Mã', 'Mã HTTT', 'Mã hệ thống thông tin', 'Code'],
    required: true,
    hint: {
      vi: 'Bắt buộc, 2–50 ký tự: chữ không dấu, số, dấu chấm, gạch ngang, gạch dưới. Mã đã có thì dòng cập nhật hệ thống đó.',
      en: 'Required, 2–50 characters: unaccented letters, digits, dot, hyphen, underscore. An existing code updates that system.',
    },
  },
  {
    key: 'name',
    vi: 'Tên hệ thống',
    en: 'System name',
    also: ['Tên', 'Tên HTTT', 'Tên hệ thống thông tin', 'Name'],
    required: true,
    hint: { vi: 'Bắt buộc, 3–300 ký tự.', en: 'Required, 3–300 characters.' },
  },
  {
    key: 'agency',
    vi: 'Cơ quan chủ quản',
    en: 'Owner agency',
    also: ['Chủ quản', 'Đơn vị chủ quản', 'Owner'],
    required: true,
    hint: { vi: 'Bắt buộc: tên cơ quan như trong danh sách chọn.', en: 'Required: the agency name as in the drop-down list.' },
  },
  {
    key: 'operator',
    vi: 'Đơn vị vận hành',
    en: 'Operating unit',
    also: ['Đơn vị vận hành hệ thống', 'Operator'],
    hint: { vi: 'Tên cơ quan, tổ chức vận hành (có thể để trống).', en: 'The operating agency or organisation (may be empty).' },
  },
  {
    key: 'purpose',
    vi: 'Mục đích',
    en: 'Purpose',
    also: ['Mục đích, chức năng', 'Chức năng', 'Mô tả'],
    hint: { vi: 'Tối đa 2.000 ký tự.', en: 'At most 2,000 characters.' },
  },
  {
    key: 'status',
    vi: 'Trạng thái',
    en: 'Status',
    also: ['Tình trạng', 'Tình trạng hoạt động', 'Trạng thái hoạt động'],
    values: STATUS_LABELS,
    hint: { vi: 'Chọn trong danh sách; để trống là Đang vận hành.', en: 'Pick from the list; empty is In operation.' },
  },
  {
    key: 'goLiveOn',
    vi: 'Ngày vận hành',
    en: 'Go-live date',
    also: ['Ngày đưa vào vận hành', 'Thời điểm đưa vào vận hành', 'Ngày đưa vào sử dụng'],
    hint: { vi: 'Ngày dạng dd/MM/yyyy, ví dụ 01/02/2024.', en: 'A date as dd/MM/yyyy, e.g. 01/02/2024.' },
  },
  {
    key: 'hosting',
    vi: 'Nơi đặt',
    en: 'Hosting',
    also: ['Vị trí đặt hệ thống', 'Vị trí đặt', 'Nơi đặt hệ thống'],
    values: HOSTING_LABELS,
    hint: { vi: 'Chọn trong danh sách; để trống là Tại cơ quan.', en: 'Pick from the list; empty is Agency premises.' },
  },
  {
    key: 'cloudProvider',
    vi: 'Nhà cung cấp điện toán đám mây',
    en: 'Cloud provider',
    also: ['Nhà cung cấp đám mây'],
    hint: { vi: 'Khi đặt trên điện toán đám mây.', en: 'When hosted in the cloud.' },
  },
  { key: 'servesInternal', vi: 'Phục vụ nội bộ', en: 'Serves the agency itself', also: ['Nội bộ cơ quan'], values: FLAG_LABELS, hint: FLAG_HINT },
  {
    key: 'servesOtherAgencies',
    vi: 'Phục vụ cơ quan khác',
    en: 'Serves other agencies',
    also: ['Cơ quan, tổ chức khác', 'Phục vụ cơ quan, tổ chức khác'],
    values: FLAG_LABELS,
    hint: FLAG_HINT,
  },
  {
    key: 'servesPublic',
    vi: 'Phục vụ người dân, doanh nghiệp',
    en: 'Serves citizens and businesses',
    also: ['Người dân, doanh nghiệp'],
    values: FLAG_LABELS,
    hint: FLAG_HINT,
  },
  { key: 'internalUsers', vi: 'Số người dùng nội bộ', en: 'Internal users', hint: COUNT_HINT },
  { key: 'publicUsers', vi: 'Số người dùng bên ngoài', en: 'External users', hint: COUNT_HINT },
  {
    key: 'dataKinds',
    vi: 'Loại dữ liệu',
    en: 'Data kinds',
    also: ['Loại dữ liệu xử lý', 'Data processed'],
    values: DATA_KIND_LABELS,
    hint: {
      vi: 'Một hoặc nhiều giá trị trong danh sách, cách nhau bằng dấu phẩy hoặc chấm phẩy.',
      en: 'One or more of the listed values, separated by commas or semicolons.',
    },
  },
  {
    key: 'onlinePublicService',
    vi: 'Dịch vụ công trực tuyến',
    en: 'Online public service',
    also: ['Mức độ dịch vụ công trực tuyến', 'Online public services'],
    values: ONLINE_LABELS,
    hint: { vi: 'Chọn trong danh sách; để trống là Không cung cấp.', en: 'Pick from the list; empty is None.' },
  },
  {
    key: 'software',
    vi: 'Phần mềm (hãng|sản phẩm|phiên bản; ...)',
    en: 'Software (vendor|product|version; ...)',
    also: ['Phần mềm', 'Software'],
    hint: {
      vi: 'Mỗi phần mềm dạng hãng|sản phẩm|phiên bản, cách nhau bằng dấu chấm phẩy.',
      en: 'Each item as vendor|product|version, separated by semicolons.',
    },
  },
];

export const column = (key: ColumnKey) => COLUMNS.find((c) => c.key === key)!;

/** Column numbers and the like, which a sheet may carry and the import has no use for: never reported as unknown. */
const IGNORED = new Set(['STT', 'TT', 'Số TT', 'Số thứ tự', 'No'].map(foldKey));

const byHeader = new Map<string, ColumnKey>(COLUMNS.flatMap((c) => [c.key, c.vi, c.en, ...(c.also ?? [])].map((h) => [foldKey(h), c.key] as const)));

/**
 * The column a header cell names, null for another column, 'ignored' for a row number column. Read: the export's
 * "Vietnamese (key)", a label or wording of `COLUMNS`, in any case or Unicode form, with a required-mark "*" or a
 * note in parentheses after it.
 */
export function columnOfHeader(header: string): ColumnKey | 'ignored' | null {
  const h = header.normalize('NFC').replace(/\*/g, '').trim();
  if (!h) return null;
  const note = /^(.*?)\s*\(([^()]*)\)\s*$/.exec(h);
  const named = note && COLUMNS.find((c) => c.key === note[2]!.trim());
  if (named) return named.key;
  const key = foldKey(h);
  if (IGNORED.has(key)) return 'ignored';
  return byHeader.get(key) ?? (note ? (byHeader.get(foldKey(note[1]!)) ?? null) : null);
}

/** A lookup of an enumeration's values by every wording of them. */
export function valueLookup<K extends string>(values: Record<K, Label>): Map<string, K> {
  return new Map(Object.entries<Label>(values).flatMap(([code, l]) => [code, l.vi, l.en, ...(l.also ?? [])].map((w) => [foldKey(w), code as K] as const)));
}

/** The Vietnamese labels of an enumeration, for messages and drop-down lists. */
export const viLabels = (values: Record<string, Label>) => Object.values(values).map((l) => l.vi);
