import { asc, eq, inArray } from 'drizzle-orm';
import type { Tx } from '../db/client.ts';
import { agencies } from '../modules/agencies/schema.ts';
import { systems } from '../modules/systems/schema.ts';
import { users } from '../modules/users/schema.ts';
import { hunts, huntSystems } from '../modules/hunts/schema.ts';
import { vietnameseName, type Random } from './random.ts';

type Seed = {
  agency: string;
  /** How many of the agency's systems (first by id) the hunt covers; 0 for the whole agency. */
  systems: number;
  by: string;
  values: Omit<typeof hunts.$inferInsert, 'agencyId' | 'createdBy' | 'hunters' | 'providerAgencyId'> & { provider?: boolean };
};

const SEEDS: Seed[] = [
  {
    agency: 'Công an tỉnh Demo',
    systems: 0,
    by: 'ungcuu',
    values: {
      title: 'Săn lùng trên hệ thống dùng chung của tỉnh, đợt I/2026',
      hypothesis: 'Kẻ tấn công đã cài webshell trên máy chủ cổng dịch vụ công sau đợt cảnh báo lỗ hổng tải tệp tin đầu năm.',
      scope: '(Dữ liệu mẫu) Các hệ thống thông tin dùng chung của tỉnh tại Trung tâm dữ liệu tỉnh: cổng dịch vụ công, hệ thống quản lý văn bản.',
      periodFrom: '2026-01-05',
      periodTo: '2026-01-16',
      techniques: ['Rà soát nhật ký máy chủ web', 'So sánh tệp tin với bản phát hành'],
      attackTechniques: ['T1190', 'T1505.003'],
      hunterKind: 'own_staff',
      status: 'completed',
      result: 'inconclusive',
      resultSummary: 'Nhật ký máy chủ web chỉ lưu 30 ngày, không đủ để kết luận; đã đề nghị kéo dài thời gian lưu nhật ký lên 6 tháng.',
    },
  },
  {
    agency: 'Công an tỉnh Demo',
    systems: 0,
    by: 'ungcuu',
    values: {
      title: 'Săn lùng trên hệ thống dùng chung của tỉnh, đợt II/2026',
      hypothesis: 'Tài khoản quản trị của hệ thống quản lý văn bản bị dùng từ địa chỉ ngoài mạng của tỉnh.',
      scope: '(Dữ liệu mẫu) Hệ thống quản lý văn bản và điều hành, thư điện tử công vụ tại Trung tâm dữ liệu tỉnh.',
      periodFrom: '2026-06-01',
      periodTo: '2026-06-12',
      techniques: ['Phân tích nhật ký đăng nhập', 'Đối chiếu địa chỉ IP với danh sách đen'],
      attackTechniques: ['T1078', 'T1110.003'],
      hunterKind: 'own_staff',
      status: 'completed',
      result: 'no_threat',
      resultSummary: 'Không phát hiện đăng nhập bất thường; các lần đăng nhập từ ngoài mạng đều qua VPN của tỉnh.',
    },
  },
  {
    agency: 'Sở Y tế',
    systems: 2,
    by: 'syt.admin',
    values: {
      title: 'Dò tìm dấu hiệu mã độc tống tiền trên hệ thống của Sở Y tế',
      hypothesis: 'Mã độc tống tiền đã vào qua thư điện tử lừa đảo và đang dò quét các thư mục chia sẻ trước khi mã hóa.',
      scope: '(Dữ liệu mẫu) Máy chủ ứng dụng, máy chủ tệp và 40 máy trạm của Văn phòng Sở.',
      periodFrom: '2026-10-05',
      periodTo: '2026-10-20',
      techniques: ['Truy vấn EDR theo hành vi', 'Rà soát quy tắc chuyển tiếp thư'],
      attackTechniques: ['T1566.001', 'T1486', 'T1021.002'],
      hunterKind: 'provider',
      provider: true,
      status: 'completed',
      result: 'threat_found',
      resultSummary: 'Phát hiện 2 máy trạm chạy công cụ dò quét thư mục chia sẻ trái phép, kết nối tới địa chỉ điều khiển đã biết; đã cách ly.',
    },
  },
  {
    agency: 'Sở Y tế',
    systems: 1,
    by: 'syt.canbo',
    values: {
      title: 'Săn lùng định kỳ quý IV/2026',
      hypothesis: 'Tài khoản dịch vụ của hệ thống bị lạm dụng để truy cập dữ liệu bệnh nhân ngoài giờ làm việc.',
      scope: null,
      periodFrom: '2026-12-07',
      periodTo: '2026-12-18',
      techniques: ['Phân tích nhật ký truy cập cơ sở dữ liệu'],
      attackTechniques: ['T1078.003'],
      hunterKind: 'own_staff',
      status: 'planned',
      result: null,
      resultSummary: null,
    },
  },
  {
    agency: 'Sở Giáo dục và Đào tạo',
    systems: 1,
    by: 'sgd.canbo',
    values: {
      title: 'Săn lùng tài khoản thư điện tử bị chiếm đoạt',
      hypothesis: 'Một số hộp thư của giáo viên có quy tắc chuyển tiếp tự động ra ngoài do bị lừa lấy mật khẩu.',
      scope: '(Dữ liệu mẫu) Hệ thống thư điện tử của ngành giáo dục.',
      periodFrom: '2026-11-20',
      periodTo: '2026-12-05',
      techniques: ['Rà soát quy tắc hộp thư', 'Phân tích nhật ký đăng nhập'],
      attackTechniques: ['T1114.003', 'T1078'],
      hunterKind: 'own_staff',
      status: 'in_progress',
      result: null,
      resultSummary: null,
    },
  },
  {
    agency: 'Bệnh viện Đa khoa tỉnh Demo',
    systems: 1,
    by: 'syt.admin',
    values: {
      title: 'Săn lùng trên hệ thống thông tin bệnh viện',
      hypothesis: 'Có phiên điều khiển từ xa trái phép tới máy chủ của hệ thống thông tin bệnh viện.',
      scope: null,
      periodFrom: '2026-08-10',
      periodTo: '2026-08-21',
      techniques: ['Phân tích lưu lượng mạng'],
      attackTechniques: ['T1219'],
      hunterKind: 'provider',
      provider: true,
      status: 'completed',
      result: 'no_threat',
      resultSummary: 'Các phiên điều khiển từ xa đều của nhà cung cấp phần mềm, có phiếu yêu cầu hỗ trợ tương ứng.',
    },
  },
];

/** A few demo hunts: the security unit's twice-yearly hunts of the shared systems, and agencies' own or hired hunts. */
export async function seedDemoHunts(tx: Tx, r: Random): Promise<number> {
  const named = await tx
    .select({ id: agencies.id, name: agencies.name })
    .from(agencies)
    .where(inArray(agencies.name, [...SEEDS.map((s) => s.agency), 'Công ty Cổ phần An ninh mạng Sao Việt']));
  const agencyId = (name: string) => named.find((a) => a.name === name)!.id;
  const people = await tx.select({ id: users.id, username: users.username }).from(users);
  for (const s of SEEDS) {
    const { provider, ...values } = s.values;
    const [hunt] = await tx
      .insert(hunts)
      .values({
        ...values,
        agencyId: agencyId(s.agency),
        providerAgencyId: provider ? agencyId('Công ty Cổ phần An ninh mạng Sao Việt') : null,
        hunters: `${vietnameseName(r)}, ${vietnameseName(r)}`,
        createdBy: people.find((p) => p.username === s.by)!.id,
      })
      .returning({ id: hunts.id });
    if (!s.systems) continue;
    const covered = await tx
      .select({ id: systems.id })
      .from(systems)
      .where(eq(systems.agencyId, agencyId(s.agency)))
      .orderBy(asc(systems.id))
      .limit(s.systems);
    if (covered.length) await tx.insert(huntSystems).values(covered.map((c) => ({ huntId: hunt!.id, systemId: c.id })));
  }
  return SEEDS.length;
}
