import { eq, ne } from 'drizzle-orm';
import type { Tx } from '../db/client.ts';
import { agencies } from '../modules/agencies/schema.ts';
import { systems } from '../modules/systems/schema.ts';
import { users } from '../modules/users/schema.ts';
import {
  incidentEvents,
  incidentLinks,
  incidentObservables,
  incidentResponders,
  incidents,
  incidentSystems,
  incidentTasks,
  responseExercises,
  responseExerciseSystems,
  responsePlans,
  responseTeamCertificates,
  responseTeamMembers,
} from '../modules/incidents/schema.ts';
import { normalizeObservable } from '../../shared/incidents/observables.ts';
import { seriousness } from '../../shared/incidents/seriousness.ts';
import { closingReportRequired } from '../../shared/incidents/deadlines.ts';
import { addDays, addMonths } from '../../shared/incidents/readiness.ts';
import { todayVn } from '../../shared/core/dates.ts';
import type {
  HandlingCapacity,
  IncidentEffect,
  IncidentKind,
  IncidentSeverity,
  IncidentStatus,
  ObservableType,
  Tlp,
} from '../../shared/incidents/vocabulary.ts';
import { mobilePhone, vietnameseName, type Random } from './random.ts';

type Scenario = {
  kind: IncidentKind;
  /** What it did to the system (Decision 05/2017 Art. 9(1)). */
  effects: IncidentEffect[];
  spread: string;
  title: string;
  description: string;
  impact: string;
  actions: string;
  observables: [ObservableType, string][];
  rootCause: string;
  origin: string;
  closingActions: string;
  lessons: string;
  tasks: string[];
};

/** Incident stories of the kinds the province meets; `{system}` is the affected system's name. */
const SCENARIOS: Scenario[] = [
  {
    kind: 'ransomware',
    effects: ['service_disruption', 'unrecoverable_integrity_loss'],
    spread: 'Mã độc lây sang thư mục chia sẻ của 3 máy trạm cùng phân vùng mạng.',
    title: 'Mã độc tống tiền mã hóa dữ liệu trên máy chủ {system}',
    description: 'Nhiều tệp dữ liệu trên máy chủ bị đổi đuôi .lockbit, xuất hiện tệp yêu cầu tiền chuộc. Dịch vụ {system} ngừng hoạt động.',
    impact: 'Dịch vụ gián đoạn, người dùng không truy cập được; chưa xác định dữ liệu bị lấy ra ngoài.',
    actions: 'Đã ngắt kết nối mạng máy chủ, tắt chia sẻ thư mục, giữ nguyên hiện trạng để điều tra.',
    observables: [
      ['ip', '185.220.101.{n}'],
      ['file_hash', '{sha256}'],
      ['domain', 'lockbit-support{n}.example'],
    ],
    rootCause: 'Dịch vụ truy cập từ xa (RDP) mở ra Internet với mật khẩu yếu; kẻ tấn công dò được mật khẩu quản trị.',
    origin: 'Kết nối RDP từ các địa chỉ IP nước ngoài thuộc mạng ẩn danh; công cụ mã hóa thuộc họ LockBit 3.0.',
    closingActions:
      'Cô lập máy chủ, khôi phục từ bản sao lưu ngoại tuyến, đóng cổng RDP, bắt buộc VPN và xác thực hai yếu tố, rà soát toàn bộ tài khoản quản trị.',
    lessons: 'Duy trì sao lưu ngoại tuyến và diễn tập khôi phục định kỳ; không mở dịch vụ quản trị ra Internet.',
    tasks: [
      'Cô lập máy chủ bị mã hóa',
      'Thu thập nhật ký hệ thống và mẫu mã độc',
      'Khôi phục dữ liệu từ bản sao lưu',
      'Đổi mật khẩu toàn bộ tài khoản quản trị',
    ],
  },
  {
    kind: 'defacement',
    effects: [],
    spread: 'Chỉ trang chủ và một số bài viết bị thay đổi; chưa phát hiện trên máy chủ khác.',
    title: 'Trang thông tin điện tử {system} bị thay đổi giao diện',
    description: 'Trang chủ hiển thị nội dung lạ do nhóm tin tặc để lại; một số bài viết bị chèn liên kết quảng cáo cờ bạc.',
    impact: 'Ảnh hưởng uy tín cơ quan; người dân phản ánh qua đường dây nóng.',
    actions: 'Đã tạm dừng trang, chuyển sang trang thông báo bảo trì.',
    observables: [
      ['ip', '103.97.125.{n}'],
      ['url', 'http://cdn-assets{n}.example/shell.php'],
      ['cve', 'CVE-2023-6553'],
    ],
    rootCause: 'Plugin sao lưu của WordPress có lỗ hổng thực thi mã từ xa chưa được cập nhật.',
    origin: 'Webshell được tải lên từ địa chỉ IP trong nước đã bị chiếm quyền; nhóm tin tặc tự xưng trên mạng xã hội.',
    closingActions: 'Xóa webshell, cập nhật WordPress và plugin, đổi khóa, bật tường lửa ứng dụng web, khôi phục nội dung.',
    lessons: 'Theo dõi và cập nhật bản vá plugin hằng tuần; giám sát toàn vẹn tệp trên máy chủ web.',
    tasks: ['Gỡ nội dung giả mạo, khôi phục trang', 'Rà soát webshell trên máy chủ', 'Cập nhật plugin và mã nguồn'],
  },
  {
    kind: 'phishing',
    effects: [],
    spread: 'Thư được gửi tới khoảng 120 hộp thư của cơ quan và một số đơn vị trực thuộc.',
    title: 'Chiến dịch thư điện tử giả mạo gửi tới cán bộ qua {system}',
    description: 'Nhiều cán bộ nhận thư giả mạo thông báo của cơ quan cấp trên, dẫn tới trang đăng nhập giả để lấy mật khẩu.',
    impact: 'Ít nhất 3 tài khoản đã nhập mật khẩu vào trang giả.',
    actions: 'Đã cảnh báo toàn cơ quan, yêu cầu đổi mật khẩu các tài khoản liên quan.',
    observables: [
      ['email', 'thongbao.cqcaptren{n}@mail-gov.example'],
      ['url', 'https://dangnhap-congvu{n}.example/login'],
      ['domain', 'dangnhap-congvu{n}.example'],
    ],
    rootCause: 'Cán bộ chưa được tập huấn nhận diện thư lừa đảo; hệ thống thư chưa bật kiểm tra SPF/DMARC chặt chẽ.',
    origin: 'Tên miền giả mạo đăng ký 2 ngày trước chiến dịch, máy chủ đặt ở nước ngoài.',
    closingActions: 'Chặn tên miền và địa chỉ gửi, đổi mật khẩu, bật xác thực hai yếu tố cho thư điện tử, tập huấn nhận diện lừa đảo.',
    lessons: 'Bật DMARC chế độ từ chối; tập huấn nhận diện lừa đảo định kỳ hằng quý.',
    tasks: ['Chặn tên miền giả mạo trên hệ thống thư', 'Đổi mật khẩu các tài khoản bị lộ', 'Tập huấn nhận diện thư lừa đảo'],
  },
  {
    kind: 'ddos',
    effects: ['service_disruption'],
    spread: 'Tấn công nhằm vào một địa chỉ IP công khai; các dịch vụ khác không bị ảnh hưởng.',
    title: 'Tấn công từ chối dịch vụ vào {system}',
    description: 'Lưu lượng truy cập tăng đột biến tới 40 lần bình thường, dịch vụ {system} phản hồi chậm hoặc không phản hồi.',
    impact: 'Người dân không nộp được hồ sơ trực tuyến trong khoảng 3 giờ.',
    actions: 'Đã phối hợp nhà mạng lọc lưu lượng, giới hạn tốc độ truy cập.',
    observables: [
      ['ip', '45.134.26.{n}'],
      ['ip', '194.26.29.{n}'],
    ],
    rootCause: 'Hệ thống chưa có dịch vụ chống DDoS từ nhà mạng; cấu hình giới hạn kết nối chưa phù hợp.',
    origin: 'Mạng máy tính ma (botnet) gồm các thiết bị IoT ở nhiều quốc gia.',
    closingActions: 'Đăng ký dịch vụ lọc DDoS của nhà mạng, bổ sung CDN, điều chỉnh ngưỡng giới hạn kết nối.',
    lessons: 'Hệ thống phục vụ người dân cần phương án chống DDoS từ trước, diễn tập chuyển hướng lưu lượng.',
    tasks: ['Phối hợp nhà mạng lọc lưu lượng', 'Cấu hình giới hạn tốc độ tại tường lửa'],
  },
  {
    kind: 'malware',
    effects: [],
    spread: 'Một máy trạm; chưa phát hiện máy khác kết nối tới máy chủ điều khiển.',
    title: 'Máy trạm nhiễm mã độc đánh cắp thông tin kết nối tới máy chủ điều khiển',
    description: 'Hệ thống giám sát phát hiện máy trạm kết nối định kỳ tới máy chủ điều khiển (C2) đã biết; liên quan tới {system}.',
    impact: 'Nguy cơ lộ tài khoản và tài liệu trên máy trạm.',
    actions: 'Đã cách ly máy trạm khỏi mạng.',
    observables: [
      ['domain', 'update-check{n}.example'],
      ['file_hash', '{sha256}'],
      ['ip', '91.92.240.{n}'],
    ],
    rootCause: 'Người dùng mở tệp đính kèm chứa macro độc hại; phần mềm phòng chống mã độc chưa được cập nhật mẫu.',
    origin: 'Mã độc họ AgentTesla phát tán qua thư điện tử giả mạo hóa đơn.',
    closingActions: 'Cài lại máy trạm, đổi mật khẩu, chặn tên miền C2, cập nhật phần mềm phòng chống mã độc tập trung.',
    lessons: 'Tắt macro mặc định; bảo đảm 100% máy trạm được quản lý bởi phần mềm phòng chống mã độc tập trung.',
    tasks: ['Cách ly và phân tích máy trạm', 'Quét mã độc toàn bộ mạng nội bộ', 'Chặn tên miền điều khiển'],
  },
  {
    kind: 'intrusion',
    effects: ['loss_of_control', 'spread_or_cascade'],
    spread: 'Kẻ tấn công có thể đi tiếp vào các phân vùng mạng nội bộ sau tường lửa.',
    title: 'Xâm nhập trái phép qua lỗ hổng thiết bị tường lửa biên của {system}',
    description: 'Phát hiện tài khoản lạ đăng nhập thiết bị tường lửa và tạo cấu hình chuyển tiếp cổng bất thường.',
    impact: 'Kẻ tấn công có thể truy cập mạng nội bộ.',
    actions: 'Đã khóa tài khoản lạ, sao lưu cấu hình hiện tại.',
    observables: [
      ['cve', 'CVE-2024-21762'],
      ['ip', '167.99.{n}.12'],
      ['ip', '2001:db8:85a3::{n}'],
    ],
    rootCause: 'Thiết bị FortiOS chưa cập nhật bản vá lỗ hổng CVE-2024-21762 dù đã có cảnh báo.',
    origin: 'Khai thác tự động từ hạ tầng máy chủ thuê; dấu hiệu trùng với chiến dịch đã được cảnh báo quốc gia.',
    closingActions: 'Cập nhật firmware, rà soát cấu hình, đổi toàn bộ thông tin xác thực VPN, săn tìm dấu hiệu xâm nhập trong mạng nội bộ.',
    lessons: 'Xử lý cảnh báo lỗ hổng thiết bị biên trong 48 giờ; giới hạn giao diện quản trị chỉ từ mạng quản trị.',
    tasks: ['Cập nhật firmware thiết bị', 'Săn tìm dấu hiệu xâm nhập trong mạng nội bộ', 'Đổi thông tin xác thực VPN'],
  },
  {
    kind: 'data_leak',
    effects: [],
    spread: 'Dữ liệu của một cơ sở dữ liệu; chưa thấy dấu hiệu ở hệ thống khác.',
    title: 'Nghi lộ dữ liệu cá nhân từ {system}',
    description: 'Phát hiện tệp dữ liệu có thông tin cá nhân người dân được rao bán trên diễn đàn; cấu trúc trùng với dữ liệu của {system}.',
    impact: 'Khoảng 12.000 bản ghi có thể bị lộ; cần thông báo theo Nghị định 13/2023/NĐ-CP.',
    actions: 'Đã rà soát nhật ký truy cập cơ sở dữ liệu, khóa tài khoản dùng chung.',
    observables: [
      ['url', 'http://leak-forum{n}.example/thread/88{n}'],
      ['ip', '198.51.100.{n}'],
    ],
    rootCause: 'Giao diện lập trình (API) trả về dữ liệu không kiểm tra quyền truy cập theo người dùng.',
    origin: 'Truy vấn tự động hàng loạt qua API từ một địa chỉ IP trong nước.',
    closingActions: 'Vá lỗi kiểm tra quyền, giới hạn tốc độ API, thông báo cơ quan chức năng và chủ thể dữ liệu.',
    lessons: 'Kiểm thử bảo mật API trước khi đưa vào vận hành; giám sát truy vấn bất thường.',
    tasks: ['Đánh giá phạm vi dữ liệu bị lộ', 'Vá lỗi kiểm tra quyền của API', 'Thông báo chủ thể dữ liệu'],
  },
  {
    kind: 'account_compromise',
    effects: ['loss_of_control'],
    spread: 'Một tài khoản quản trị; các tài khoản khác chưa có dấu hiệu bất thường.',
    title: 'Tài khoản quản trị {system} bị chiếm đoạt',
    description: 'Tài khoản quản trị đăng nhập từ địa chỉ IP nước ngoài ngoài giờ làm việc, thay đổi quyền của nhiều người dùng.',
    impact: 'Một số quyền truy cập bị thay đổi trái phép.',
    actions: 'Đã khóa tài khoản, khôi phục phân quyền.',
    observables: [
      ['ip', '203.0.113.{n}'],
      ['email', 'admin{n}@phishing-kit.example'],
    ],
    rootCause: 'Mật khẩu quản trị bị lộ do dùng lại trên dịch vụ bên ngoài đã bị rò rỉ.',
    origin: 'Đăng nhập từ dịch vụ proxy thương mại ở nước ngoài.',
    closingActions: 'Đặt lại mật khẩu, bật xác thực hai yếu tố, rà soát nhật ký thay đổi quyền.',
    lessons: 'Bắt buộc xác thực hai yếu tố với tài khoản quản trị; không dùng lại mật khẩu.',
    tasks: ['Khóa và đặt lại tài khoản', 'Rà soát nhật ký thay đổi quyền'],
  },
];

const TEAM: {
  name: string;
  org: string;
  employment: 'in_house' | 'hired';
  position: string;
  expertise: string;
  certs: [string, string, number | null][];
  user?: string;
  active?: boolean;
}[] = [
  {
    name: 'Phạm Thu Hà',
    org: 'CAT',
    employment: 'in_house',
    position: 'Đội trưởng',
    expertise: 'Điều phối ứng cứu, phân tích mã độc',
    user: 'ungcuu',
    certs: [
      ['GIAC Certified Incident Handler (GCIH)', 'GIAC', 20],
      ['Chứng chỉ ứng cứu sự cố ATTT mạng', 'Trung tâm Giám sát an toàn không gian mạng quốc gia', null],
    ],
  },
  {
    name: 'Lê Minh Đức',
    org: 'CAT',
    employment: 'in_house',
    position: 'Phó Đội trưởng',
    expertise: 'Điều tra số, pháp chứng',
    user: 'attt',
    certs: [['Computer Hacking Forensic Investigator (CHFI)', 'EC-Council', 14]],
  },
  {
    name: 'Ngô Quốc Khánh',
    org: 'TTCDS',
    employment: 'in_house',
    position: 'Kỹ sư hệ thống',
    expertise: 'Hạ tầng, sao lưu và khôi phục',
    certs: [['CompTIA Security+', 'CompTIA', 1]],
  },
  {
    name: 'Đặng Thị Hương',
    org: 'TTCDS',
    employment: 'in_house',
    position: 'Chuyên viên giám sát',
    expertise: 'Giám sát SOC, phân tích nhật ký',
    certs: [['Certified SOC Analyst (CSA)', 'EC-Council', 26]],
  },
  {
    name: 'Bùi Văn Hải',
    org: 'SKHCN',
    employment: 'in_house',
    position: 'Chuyên viên',
    expertise: 'An toàn mạng',
    certs: [['Certified Ethical Hacker (CEH)', 'EC-Council', -2]],
  },
  {
    name: 'Trần Hoài Nam',
    org: 'SAOVIET',
    employment: 'hired',
    position: 'Chuyên gia kiểm thử xâm nhập',
    expertise: 'Kiểm thử xâm nhập, ứng dụng web',
    certs: [['Offensive Security Certified Professional (OSCP)', 'OffSec', null]],
  },
  {
    name: 'Võ Thanh Tâm',
    org: 'VNPT',
    employment: 'hired',
    position: 'Kỹ sư an toàn mạng',
    expertise: 'Chống DDoS, mạng lõi',
    certs: [['Cisco CyberOps Associate', 'Cisco', 9]],
  },
  {
    name: 'Hồ Ngọc Yến',
    org: 'SAOVIET',
    employment: 'hired',
    position: 'Chuyên gia phân tích',
    expertise: 'Phân tích mã độc',
    active: false,
    certs: [['GIAC Reverse Engineering Malware (GREM)', 'GIAC', 30]],
  },
];

const PLAYBOOKS = ['Mã độc tống tiền', 'Tấn công từ chối dịch vụ', 'Thay đổi giao diện trang web', 'Lộ lọt dữ liệu'];

/** "Hà" → "ha": e-mail addresses are ASCII. */
const ascii = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase();

/** Statuses of the demo cases: recent ones are still being worked, older ones mostly closed. */
function statusFor(r: Random, ageDays: number): IncidentStatus {
  if (ageDays > 45) return r.pick<IncidentStatus>(['closed', 'closed', 'closed', 'closed', 'closed', 'closed', 'closed', 'rejected', 'merged']);
  return r.pick<IncidentStatus>(['received', 'triaged', 'responding', 'contained', 'recovered', 'closed']);
}

const FLOW: IncidentStatus[] = ['received', 'triaged', 'responding', 'contained', 'recovered', 'closed'];
const HOUR = 3_600_000;

const fill = (s: string, r: Random, system: string) =>
  s
    .replace(/\{system\}/g, system)
    .replace(/\{n\}/g, () => String(r.int(2, 250)))
    .replace(/\{sha256\}/g, () => Array.from({ length: 64 }, () => '0123456789abcdef'[r.int(0, 15)]).join(''));

/** Demo incidents, response plans, exercises and the team roster for the demo province. */
export async function seedDemoIncidents(tx: Tx, r: Random): Promise<number> {
  const now = Date.now();
  const today = todayVn(new Date(now));
  const agencyRows = await tx
    .select({ id: agencies.id, name: agencies.name, parentId: agencies.parentId, path: agencies.path, address: agencies.address })
    .from(agencies);
  const byKey = new Map<string, number>();
  const userRows = await tx.select({ id: users.id, username: users.username, fullName: users.fullName, agencyId: users.agencyId }).from(users);
  const user = (u: string) => userRows.find((x) => x.username === u)!;
  const systemRows = await tx
    .select({
      id: systems.id,
      name: systems.name,
      agencyId: systems.agencyId,
      approvedLevel: systems.approvedLevel,
      proposedLevel: systems.proposedLevel,
      operatorAgencyId: systems.operatorAgencyId,
      classification: systems.classification,
    })
    .from(systems)
    .where(ne(systems.status, 'retired'));
  const agency = (id: number) => agencyRows.find((a) => a.id === id)!;
  for (const [key, name] of [
    ['CAT', 'Công an tỉnh Demo'],
    ['TTCDS', 'Trung tâm Chuyển đổi số tỉnh'],
    ['SKHCN', 'Sở Khoa học và Công nghệ'],
    ['SAOVIET', 'Công ty Cổ phần An ninh mạng Sao Việt'],
    ['VNPT', 'VNPT Demo (Viễn thông Demo)'],
    ['SYT', 'Sở Y tế'],
    ['SGDDT', 'Sở Giáo dục và Đào tạo'],
  ] as const) {
    byKey.set(key, agencyRows.find((a) => a.name === name)!.id);
  }

  // The response team roster.
  for (const m of TEAM) {
    const [member] = await tx
      .insert(responseTeamMembers)
      .values({
        fullName: m.name,
        agencyId: byKey.get(m.org)!,
        employment: m.employment,
        position: m.position,
        expertise: m.expertise,
        phone: mobilePhone(r),
        email: `${ascii(m.name.split(' ').pop()!)}.ducsc@demo.gov.vn`,
        userId: m.user ? user(m.user).id : null,
        active: m.active ?? true,
        joinedOn: addMonths(today, -r.int(14, 60)),
      })
      .returning({ id: responseTeamMembers.id });
    await tx.insert(responseTeamCertificates).values(
      m.certs.map(([name, issuer, months]) => ({
        memberId: member!.id,
        name,
        issuer,
        issuedOn: addMonths(today, -r.int(12, 40)),
        expiresOn: months === null ? null : addMonths(today, months),
      })),
    );
  }

  // Response plans for most systems, playbooks for the important ones; some reviews overdue.
  const levelOf = (s: (typeof systemRows)[number]) => s.approvedLevel ?? s.proposedLevel;
  const planRows: (typeof responsePlans.$inferInsert)[] = [];
  for (const s of systemRows) {
    const level = levelOf(s) ?? 1;
    const agencyRow = agency(s.agencyId);
    if (!agencyRow.path.startsWith(agency(byKey.get('SGDDT')!).path) && r.chance(level >= 3 ? 0.1 : 0.3)) continue;
    const issuedOn = addDays(today, -r.int(30, 560));
    planRows.push({
      systemId: s.id,
      agencyId: s.agencyId,
      kind: 'plan',
      title: `Phương án ứng cứu sự cố ${s.name}`,
      version: `${r.int(1, 3)}.${r.int(0, 2)}`,
      issuedOn,
      nextReviewOn: addMonths(issuedOn, r.chance(0.6) ? 12 : 24),
    });
    if (level >= 3) {
      for (const scenario of PLAYBOOKS.slice(0, r.int(1, 3))) {
        planRows.push({
          systemId: s.id,
          agencyId: s.agencyId,
          kind: 'playbook',
          title: `Kịch bản ứng cứu: ${scenario}`,
          scenario,
          version: '1.0',
          issuedOn: addDays(issuedOn, r.int(0, 30)),
          nextReviewOn: addMonths(issuedOn, 24),
        });
      }
    }
  }

  await tx.insert(responsePlans).values(planRows);

  // Exercises over the last two years, each with a few level 3+ systems; some systems never take part.
  const important = systemRows.filter((s) => (levelOf(s) ?? 0) >= 3);
  const exerciseSpecs: [string, string, number, string][] = [
    ['Diễn tập thực chiến ứng cứu sự cố mã độc tống tiền', 'Mã độc tống tiền mã hóa máy chủ dữ liệu, yêu cầu khôi phục từ bản sao lưu', 700, 'CAT'],
    ['Diễn tập bảo vệ Cổng dịch vụ công trước tấn công DDoS', 'Tấn công từ chối dịch vụ vào hệ thống giải quyết thủ tục hành chính', 560, 'CAT'],
    ['Diễn tập ứng cứu sự cố lộ lọt dữ liệu y tế', 'Lộ dữ liệu bệnh nhân qua API của phần mềm quản lý bệnh viện', 420, 'SYT'],
    ['Diễn tập trên bàn: chiếm quyền tài khoản quản trị', 'Tài khoản quản trị bị chiếm đoạt, kẻ tấn công thay đổi phân quyền', 300, 'SKHCN'],
    ['Diễn tập thực chiến xâm nhập qua thiết bị biên', 'Khai thác lỗ hổng tường lửa biên, di chuyển ngang trong mạng nội bộ', 200, 'CAT'],
    ['Diễn tập ứng cứu thay đổi giao diện trang thông tin điện tử', 'Trang thông tin của sở bị thay đổi giao diện', 120, 'SGDDT'],
    ['Diễn tập thực chiến năm nay: tấn công có chủ đích (APT)', 'Nhóm APT xâm nhập qua thư giả mạo, đánh cắp tài liệu', 40, 'CAT'],
  ];
  for (const [title, scenario, daysAgo, org] of exerciseSpecs) {
    const own = org === 'CAT' ? important : important.filter((s) => agency(s.agencyId).path.startsWith(agency(byKey.get(org)!).path));
    const pool = own.length ? own : important;
    // Leave about a third of the important systems out of every exercise, so the yearly-exercise flag has something to show.
    const picks = pool
      .filter((s) => s.id % 3 !== 0 || org !== 'CAT')
      .sort(() => r.next() - 0.5)
      .slice(0, org === 'CAT' ? r.int(6, 12) : r.int(3, 6));
    const [exercise] = await tx
      .insert(responseExercises)
      .values({
        agencyId: byKey.get(org)!,
        title,
        heldOn: addDays(today, -daysAgo),
        kind: title.includes('trên bàn') ? 'tabletop' : 'live_fire',
        scenario,
        participants: 'Đội ứng cứu sự cố tỉnh; cán bộ phụ trách CNTT các đơn vị có hệ thống tham gia; chuyên gia Công ty An ninh mạng Sao Việt',
        outcome: r.pick(['achieved', 'achieved', 'partially']),
        findings: r.pick([
          'Thời gian phát hiện còn chậm; cần bổ sung cảnh báo tự động.',
          'Bản sao lưu chưa được kiểm tra khôi phục định kỳ.',
          'Đầu mối của một số đơn vị không liên lạc được ngoài giờ.',
          'Các đơn vị phối hợp tốt, đạt mục tiêu diễn tập.',
        ]),
      })
      .returning({ id: responseExercises.id });
    if (picks.length) await tx.insert(responseExerciseSystems).values(picks.map((s) => ({ exerciseId: exercise!.id, systemId: s.id })));
  }

  // About sixty incidents over two years, in every state.
  const withSystems = [...new Set(systemRows.map((s) => s.agencyId))];
  const team = [user('ungcuu'), user('attt')];
  type Children = {
    systems: (typeof incidentSystems.$inferInsert)[];
    responders: (typeof incidentResponders.$inferInsert)[];
    events: (typeof incidentEvents.$inferInsert)[];
    tasks: (typeof incidentTasks.$inferInsert)[];
    observables: (typeof incidentObservables.$inferInsert)[];
  };
  // Built first and written in a few multi-row statements: the seed runs before every test file.
  const cases: { values: typeof incidents.$inferInsert; kind: IncidentKind; status: IncidentStatus; reportedAt: Date; children: (id: number) => Children }[] =
    [];
  const count = 60;
  for (let i = 0; i < count; i++) {
    // Every state shows up among the recent cases; the rest spread over two years.
    const forced = FLOW[i % FLOW.length]!;
    const ageDays = i < 12 ? r.int(0, 30) : r.int(46, 730);
    const status = i < 12 ? forced : statusFor(r, ageDays);
    const hotline = i % 8 === 5 || i === 0 || i === 6;
    const agencyId = i % 10 === 3 ? byKey.get('SGDDT')! : i % 10 === 7 ? byKey.get('SYT')! : r.pick(withSystems);
    const agencySystems = systemRows.filter((s) => s.agencyId === agencyId);
    const affected = agencySystems.length ? [...new Set([r.pick(agencySystems), r.pick(agencySystems)])].slice(0, r.int(1, 2)) : [];
    const scenario = r.pick(SCENARIOS);
    const systemName = affected[0]?.name ?? 'hệ thống của đơn vị';
    // Who can handle it, as the reporter says; "serious" then follows from the systems and effects (QĐ05 Art. 9).
    // Case 4 (recovered) is one the operator could not handle and whose closing report is still owed.
    const owedNow = i === 4;
    const capacity: HandlingCapacity = hotline
      ? 'within'
      : owedNow
        ? 'beyond_operator'
        : scenario.effects.length && r.chance(0.5)
          ? r.pick(['beyond_operator', 'beyond_owner'])
          : r.chance(0.1)
            ? 'beyond_operator'
            : 'within';
    const facts = affected.map((s) => ({
      level: levelOf(s),
      nationalImportantList: (s.classification as { nationalImportantList?: boolean } | null)?.nationalImportantList === true,
    }));
    const serious = seriousness({ systems: facts, effects: hotline ? [] : scenario.effects, capacity }).serious;
    const severity: IncidentSeverity = serious || capacity !== 'within' ? r.pick(['high', 'critical']) : r.pick(['low', 'medium', 'medium', 'high']);
    const operator = agency(affected[0]?.operatorAgencyId ?? agencyId);
    const detectedAt = new Date(now - ageDays * 24 * HOUR - r.int(1, 20) * HOUR);
    // Most reports come in time (at once when owed at once); some after the 5-day limit.
    const late = r.chance(0.15);
    const delayHours = late ? r.int(122, 200) : capacity !== 'within' ? r.int(1, 12) : r.int(2, 90);
    const reportedAt = new Date(Math.min(now - HOUR, detectedAt.getTime() + delayHours * HOUR));
    const reporter = agencyId === byKey.get('SYT') ? user('syt.canbo') : agencyId === byKey.get('SGDDT') ? user('sgd.canbo') : null;
    const lead = status === 'received' ? null : r.pick(team);
    const steps = status === 'rejected' || status === 'merged' ? 1 : FLOW.indexOf(status);
    // When each step was taken: a few hours to a day or so apart, never in the future.
    const offsets = FLOW.map(() => r.int(3, 30)).map((_, k, gaps) => gaps.slice(1, k + 1).reduce((a, b) => a + b, 0));
    const stepAt = (k: number) => new Date(Math.min(now - 60_000 + k, reportedAt.getTime() + offsets[k]! * HOUR));
    const stamp = (s: IncidentStatus) =>
      steps >= FLOW.indexOf(s) && FLOW.indexOf(s) > 0 && status !== 'rejected' && status !== 'merged' ? stepAt(FLOW.indexOf(s)) : null;
    const closed = status === 'closed';
    const owesClosing = closingReportRequired({ source: hotline ? 'hotline' : 'agency', serious, capacity });
    // The operator's closing report: a closed case that owes one has it from before it closed; of the recovered ones some
    // are still pending and some came after the 5 days.
    const closingFiledAt =
      !owesClosing || steps < 4 || owedNow
        ? null
        : closed
          ? new Date((stepAt(4).getTime() + stepAt(5).getTime()) / 2)
          : r.chance(0.5)
            ? new Date(Math.min(now - 60_000, stepAt(4).getTime() + r.int(4, 160) * HOUR))
            : null;
    const title = fill(scenario.title, r, systemName);
    const organization = agency(agencyId).name;
    const values: typeof incidents.$inferInsert = {
      source: hotline ? 'hotline' : 'agency',
      agencyId: hotline && status === 'received' ? null : agencyId,
      managingAgencyId: hotline && status === 'received' ? null : agency(agencyId).parentId,
      title: hotline ? `${title} (báo qua đường dây nóng)` : title,
      kind: scenario.kind,
      severity,
      serious,
      tlp: r.pick<Tlp>(['amber', 'amber', 'green', 'amber+strict']),
      effects: hotline ? [] : scenario.effects,
      capacity,
      status,
      detectedAt,
      reportedAt,
      description: fill(scenario.description, r, systemName),
      currentImpact: scenario.impact,
      spread: hotline ? null : scenario.spread,
      actionsTaken: hotline ? null : scenario.actions,
      initialResult: hotline ? null : r.pick(['Đã cô lập được hệ thống bị ảnh hưởng; đang thu thập nhật ký.', 'Chưa khắc phục được; cần hỗ trợ chuyên sâu.']),
      supportRequested: r.chance(0.6) ? 'Đề nghị Đội ứng cứu sự cố tỉnh hỗ trợ phân tích, xử lý.' : null,
      supportingOrganizations:
        !hotline && capacity !== 'within' ? [{ name: 'Đội ứng cứu sự cố an toàn thông tin mạng của tỉnh', result: 'Đang hỗ trợ phân tích từ xa.' }] : [],
      operatorName: hotline ? null : operator.name,
      operatorAddress: hotline ? null : operator.address,
      infrastructureProvider: hotline ? null : r.pick(['VNPT Demo (Viễn thông Demo)', 'Viettel Demo', 'FPT Telecom chi nhánh Demo']),
      affectedAddresses: hotline ? [] : affected.flatMap((s) => [`hethong${s.id}.demo.gov.vn`, `203.0.113.${(s.id % 250) + 1}`]),
      reporterUserId: hotline ? null : (reporter?.id ?? null),
      reporterName: hotline ? vietnameseName(r) : (reporter?.fullName ?? vietnameseName(r)),
      reporterPosition: hotline ? null : 'Cán bộ phụ trách CNTT',
      reporterPhone: mobilePhone(r),
      reporterEmail: hotline ? null : `cntt.${agencyId}@demo.gov.vn`,
      hotlineOrganization: hotline ? organization : null,
      leadUserId: lead?.id ?? null,
      triagedAt: status === 'received' ? null : stepAt(1),
      triagedBy: status === 'received' ? null : (lead?.id ?? null),
      rejectReason: status === 'rejected' ? 'Kiểm tra xác định không phải sự cố an toàn thông tin mạng (lỗi cấu hình đường truyền của nhà mạng).' : null,
      containedAt: stamp('contained'),
      recoveredAt: stamp('recovered'),
      closedAt: closed ? stamp('closed') : null,
      commsSpokesperson: serious && steps >= 2 ? 'Người phát ngôn của cơ quan chủ quản' : null,
      commsDecision:
        serious && steps >= 2 ? 'Cơ quan chủ quản thông báo ngắn gọn trên cổng thông tin; đội ứng cứu không phát ngôn trực tiếp với báo chí.' : null,
      commsDecidedAt: serious && steps >= 2 ? stepAt(2) : null,
      commsDecidedBy: serious && steps >= 2 ? (lead?.id ?? null) : null,
      responseDamage: steps >= 4 ? fill(scenario.impact, r, systemName) : null,
      responseRootCause: steps >= 4 ? scenario.rootCause : null,
      responseOrigin: steps >= 4 ? scenario.origin : null,
      responseActions: steps >= 4 ? scenario.closingActions : null,
      responseLessons: steps >= 4 ? scenario.lessons : null,
      responseReportAt: steps >= 4 ? stepAt(4) : null,
      ...(closingFiledAt
        ? {
            closingDamage: fill(scenario.impact, r, systemName),
            closingCause: scenario.rootCause,
            closingActions: scenario.closingActions,
            closingSupportingOrganizations: [{ name: 'Đội ứng cứu sự cố an toàn thông tin mạng của tỉnh', result: 'Đã cùng đơn vị khôi phục hệ thống.' }],
            closingRecommendations: 'Đề nghị bố trí kinh phí giám sát an toàn thông tin và tập huấn cho cán bộ.',
            closingLessons: scenario.lessons,
            closingReportAt: closingFiledAt,
            closingFiledAt,
          }
        : {}),
      nationalSharedAt: closed && r.chance(0.5) ? stepAt(5) : null,
      createdAt: reportedAt,
      updatedAt: stepAt(Math.max(steps, 0)),
    };
    const children = (id: number): Children => {
      const out: Children = { systems: [], responders: [], events: [], tasks: [], observables: [] };
      if (affected.length && !(hotline && status === 'received')) out.systems.push(...affected.map((s) => ({ incidentId: id, systemId: s.id })));
      if (lead) out.responders.push({ incidentId: id, userId: team.find((m) => m.id !== lead.id)!.id });

      const events: (typeof incidentEvents.$inferInsert)[] = [
        {
          incidentId: id,
          kind: 'reported',
          at: reportedAt,
          actorName: hotline ? `${vietnameseName(r)} (đường dây nóng)` : (reporter?.fullName ?? 'Cán bộ phụ trách CNTT'),
          actorUserId: hotline ? null : (reporter?.id ?? null),
          detail: { source: hotline ? 'hotline' : 'agency', systems: affected.map((s) => s.name) },
        },
      ];
      const actorOf = (at: Date) => ({ actorUserId: lead?.id ?? team[0]!.id, actorName: lead?.fullName ?? team[0]!.fullName, at });
      if (status === 'rejected') {
        events.push({
          incidentId: id,
          kind: 'status',
          message: 'Kiểm tra xác định không phải sự cố an toàn thông tin mạng.',
          detail: { action: 'reject', from: 'received', to: 'rejected' },
          ...actorOf(stepAt(1)),
        });
      }
      for (let k = 1; k <= steps && status !== 'rejected' && status !== 'merged'; k++) {
        if (k === 1) events.push({ incidentId: id, kind: 'assigned', detail: { lead: lead?.fullName ?? null, responders: [] }, ...actorOf(stepAt(1)) });
        const action = ['', 'accept', 'start_response', 'contain', 'recover', 'close'][k]!;
        events.push({ incidentId: id, kind: 'status', detail: { action, from: FLOW[k - 1], to: FLOW[k] }, ...actorOf(stepAt(k)) });
        if (k === 2)
          events.push({ incidentId: id, kind: 'message', message: 'Đội đã kết nối từ xa, đang thu thập nhật ký và mẫu để phân tích.', ...actorOf(stepAt(2)) });
        if (k === 4) events.push({ incidentId: id, kind: 'response_report', ...actorOf(stepAt(4)) });
      }
      if (closingFiledAt) {
        events.push({
          incidentId: id,
          kind: 'closing_report',
          detail: { filed: true },
          at: closingFiledAt,
          actorUserId: reporter?.id ?? null,
          actorName: reporter?.fullName ?? 'Cán bộ phụ trách CNTT',
        });
      }
      out.events.push(...events);

      if (steps >= 1 && status !== 'rejected' && status !== 'merged') {
        const tasks = scenario.tasks.slice(0, r.int(2, scenario.tasks.length));
        out.tasks.push(
          ...tasks.map((title, k) => {
            const done = closed || k < steps - 1;
            const assignee = k === tasks.length - 1 && reporter ? reporter : r.pick(team);
            return {
              incidentId: id,
              title,
              assigneeUserId: assignee.id,
              dueAt: new Date(stepAt(1).getTime() + (k + 1) * 24 * HOUR),
              status: done ? 'done' : 'open',
              doneAt: done ? stepAt(Math.min(steps, k + 2)) : null,
              createdBy: lead?.id ?? team[0]!.id,
              createdAt: stepAt(1),
            };
          }),
        );
        const observed = scenario.observables.slice(0, r.int(1, scenario.observables.length)).flatMap(([type, raw]) => {
          const n = normalizeObservable(type, fill(raw, r, systemName));
          return n
            ? [
                {
                  incidentId: id,
                  type,
                  form: n.form,
                  value: n.value,
                  tlp: r.pick<Tlp>(['green', 'amber', 'amber']),
                  createdBy: lead?.id ?? null,
                  createdAt: stepAt(2),
                },
              ]
            : [];
        });
        out.observables.push(...observed);
      }
      return out;
    };
    cases.push({ values, kind: scenario.kind, status, reportedAt, children });
  }
  // Identities are handed out in the order of the rows.
  const rows = (
    await tx
      .insert(incidents)
      .values(cases.map((c) => c.values))
      .returning({ id: incidents.id })
  ).sort((a, b) => a.id - b.id);
  const ids = cases.map((c, i) => ({ id: rows[i]!.id, kind: c.kind, status: c.status, reportedAt: c.reportedAt }));
  const all = cases.map((c, i) => c.children(rows[i]!.id));
  await tx.insert(incidentSystems).values(all.flatMap((c) => c.systems));
  await tx.insert(incidentResponders).values(all.flatMap((c) => c.responders));
  await tx.insert(incidentEvents).values(all.flatMap((c) => c.events));
  await tx.insert(incidentTasks).values(all.flatMap((c) => c.tasks));
  await tx
    .insert(incidentObservables)
    .values(all.flatMap((c) => c.observables))
    .onConflictDoNothing();

  // Duplicates point at an earlier case of the same kind; a few cases are linked as related.
  for (const c of ids.filter((x) => x.status === 'merged')) {
    const target =
      ids.find((x) => x.id !== c.id && x.kind === c.kind && x.status !== 'merged' && x.status !== 'rejected') ?? ids.find((x) => x.status === 'closed')!;
    await tx.update(incidents).set({ mergedIntoId: target.id }).where(eq(incidents.id, c.id));
    await tx.insert(incidentEvents).values([
      {
        incidentId: c.id,
        kind: 'status',
        detail: { action: 'merge', from: 'received', to: 'merged', mergeIntoId: target.id },
        actorUserId: team[0]!.id,
        actorName: team[0]!.fullName,
        at: new Date(c.reportedAt.getTime() + 2 * HOUR),
      },
      {
        incidentId: target.id,
        kind: 'duplicate_merged',
        detail: { incidentId: c.id },
        actorUserId: team[0]!.id,
        actorName: team[0]!.fullName,
        at: new Date(c.reportedAt.getTime() + 2 * HOUR),
      },
    ]);
    await tx.insert(incidentLinks).values({ incidentId: c.id, relatedId: target.id }).onConflictDoNothing();
  }
  const phishing = ids.filter((x) => x.kind === 'phishing' && x.status === 'closed');
  for (let k = 1; k < phishing.length; k++) {
    await tx
      .insert(incidentLinks)
      .values({ incidentId: phishing[k]!.id, relatedId: phishing[k - 1]!.id })
      .onConflictDoNothing();
  }
  return ids.length;
}
