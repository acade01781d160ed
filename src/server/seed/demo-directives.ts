import { readFileSync } from 'node:fs';
import { eq, inArray } from 'drizzle-orm';
import type { Tx } from '../db/client.ts';
import type { Random } from './random.ts';
import { agencies } from '../modules/agencies/schema.ts';
import { users } from '../modules/users/schema.ts';
import { directives, directiveTasks, taskAssignments, taskReports } from '../modules/directives/schema.ts';
import { afterAcceptance, resolveAssignees, type AssignmentStatus, type DirectiveKind, type IssuedPrecision } from '../../shared/directives/tasks.ts';
import { addDays, nextOccurrence, previousOccurrence, type DeadlineRule } from '../../shared/core/recurrence.ts';
import { todayVn } from '../../shared/core/dates.ts';

type SeedTask = {
  text: string;
  /** The clause label as the document writes it ("1.b", "2, ý thứ 3"). */
  clause: string;
  /** Who the clause addresses, in the document's words. */
  assignees: string;
  deadline: DeadlineRule;
  evidence: string;
  /** In Tỉnh Demo: agencies by kind, and by name (the security unit stands for the texts' Sở Thông tin và Truyền thông). */
  kinds?: string[];
  named?: string[];
};
export type SeedDirective = {
  kind: DirectiveKind;
  number: string;
  issuer: string;
  issuedOn: string;
  issuedPrecision: IssuedPrecision;
  title: string;
  summary: string;
  basedOn?: string;
  signerTitle: string;
  signerName: string;
  /** The province whose text this is: every seed document is another province's, kept as a model for Tỉnh Demo. */
  modelOf: string | null;
  /** The published text, in data/directives/. */
  source: string;
  /** Its entry in the legal registry (data/legal/instruments.json). */
  instrument: string;
  tasks: SeedTask[];
};

const yearly = (day: number, month: number): DeadlineRule => ({ kind: 'yearly', day, month });
const once = (date: string): DeadlineRule => ({ kind: 'once', date });
/** The text sets the duty without a date: Khiên invents none. */
const STANDING: DeadlineRule = { kind: 'standing' };
const SECURITY_UNIT = 'Công an tỉnh Demo';
const DEMO_MAPPING = `Trong Tỉnh Demo, việc giao cho Sở Thông tin và Truyền thông được giao cho đơn vị chuyên trách của tỉnh (${SECURITY_UNIT}).`;

/** Who a clause addresses in the text's words, and who carries it in Tỉnh Demo: the addressees several tasks share. */
const VINH_PHUC_1 = {
  assignees: 'Thủ trưởng các sở, ban, ngành; Chủ tịch UBND các huyện, thành phố; Giám đốc các đơn vị sự nghiệp trực thuộc UBND tỉnh',
  kinds: ['department', 'district_committee', 'public_unit'],
};
const THANH_HOA_1 = {
  assignees: 'Giám đốc, thủ trưởng các sở, ban, ngành, đơn vị sự nghiệp cấp tỉnh; Chủ tịch UBND các huyện, thị xã, thành phố',
  kinds: ['department', 'public_unit', 'district_committee'],
};
const QUANG_NAM_OPERATORS = {
  assignees: 'Các cơ quan, đơn vị, địa phương chủ trì xây dựng, vận hành các hệ thống thông tin',
  kinds: ['department', 'district_committee'],
};
const DISPATCH_33_1 = {
  assignees: 'Bộ trưởng, Thủ trưởng cơ quan ngang bộ, cơ quan thuộc Chính phủ, Chủ tịch Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương',
  named: ['Ủy ban nhân dân tỉnh Demo'],
};
const DEPARTMENT_OF_ICT = { assignees: 'Sở Thông tin và Truyền thông', named: [SECURITY_UNIT] };
/** The external organisations the texts address, by kind: telecom and Internet operators, security firms. */
const VINH_PHUC_7 = { assignees: 'Các doanh nghiệp cung cấp dịch vụ viễn thông, công nghệ thông tin', kinds: ['telecom'], deadline: STANDING };
const THANH_HOA_3 = { assignees: 'Các doanh nghiệp cung cấp dịch vụ viễn thông, Internet', kinds: ['telecom'], deadline: STANDING };
const QUANG_NAM_4 = { assignees: 'Các doanh nghiệp cung cấp dịch vụ viễn thông, Internet trên địa bàn tỉnh Quảng Nam', kinds: ['telecom'], deadline: STANDING };
const QUANG_NAM_5 = { assignees: 'Các doanh nghiệp an toàn thông tin mạng trên địa bàn tỉnh Quảng Nam', kinds: ['security_firm'], deadline: STANDING };
const BAC_GIANG_9 = { assignees: 'Các doanh nghiệp cung cấp dịch vụ viễn thông, internet (ISP)', kinds: ['telecom'], deadline: STANDING };

/**
 * The five source documents (../shared/seeds, copied to data/directives/) and the Prime Minister's dispatch one of them
 * forwards: numbers, dates, titles, bases, signers and clause labels as the texts give them; blanks stay blank. Tasks are
 * the obligations that carry their own date in the text, and the duties the texts set telecom and Internet operators
 * and security firms, which carry none (standing tasks, no due date); the state agencies' obligations without a date
 * are carried elsewhere in Khiên (schedules, indicators, registers), and so are the yearly report and the agencies'
 * contributions to it (Vĩnh Phúc 2.l, Thanh Hóa 1.d and 2.c: the yearly report screen, YEARLY_REPORT_OBLIGATIONS in
 * shared/contributions/due.ts). Task wording is ours, close to the text.
 */
export const DIRECTIVES: SeedDirective[] = [
  {
    kind: 'directive',
    number: '…/CT-UBND',
    issuer: 'UBND tỉnh Vĩnh Phúc',
    issuedOn: '2023-06-01',
    issuedPrecision: 'month',
    title: 'Về việc tăng cường công tác bảo đảm an toàn thông tin mạng trong các cơ quan nhà nước tỉnh Vĩnh Phúc',
    summary: `Văn bản mẫu của tỉnh Vĩnh Phúc (bản công bố không ghi số và ngày, chỉ ghi tháng 6 năm 2023). ${DEMO_MAPPING}`,
    signerTitle: 'TM. ỦY BAN NHÂN DÂN, KT. CHỦ TỊCH, PHÓ CHỦ TỊCH',
    signerName: 'Vũ Chí Giang',
    modelOf: 'tỉnh Vĩnh Phúc',
    source: 'vinh-phuc-chi-thi-2023.md',
    instrument: 'vinh-phuc-directive-2023',
    tasks: [
      {
        clause: '1.b',
        ...VINH_PHUC_1,
        text: 'Chỉ định, kiện toàn đầu mối phụ trách an toàn thông tin mạng và công bố trên Cổng thông tin điện tử của cơ quan, đơn vị; cập nhật khi có thay đổi.',
        deadline: once('2023-06-30'),
        evidence: 'Văn bản chỉ định đầu mối, đường dẫn công bố trên cổng thông tin.',
      },
      {
        clause: '1.c',
        ...VINH_PHUC_1,
        text: 'Bảo đảm 100% hệ thống thông tin đang quản lý, vận hành được cấp có thẩm quyền thẩm định, phê duyệt cấp độ.',
        deadline: once('2023-06-30'),
        evidence: 'Quyết định phê duyệt hồ sơ đề xuất cấp độ của từng hệ thống.',
      },
      {
        clause: '1.c',
        ...VINH_PHUC_1,
        text: 'Triển khai đầy đủ phương án bảo đảm an toàn hệ thống thông tin theo cấp độ đã được phê duyệt.',
        deadline: once('2023-08-31'),
        evidence: 'Báo cáo kết quả triển khai phương án, biên bản kiểm tra.',
      },
      {
        clause: '1.đ',
        ...VINH_PHUC_1,
        text: 'Xây dựng và ban hành phương án, kịch bản ứng cứu sự cố cho mỗi hệ thống thông tin; cập nhật kịp thời khi có thay đổi.',
        deadline: once('2023-12-31'),
        evidence: 'Quyết định ban hành phương án, kịch bản ứng cứu sự cố.',
      },
      {
        clause: '1.e',
        ...VINH_PHUC_1,
        text: 'Bảo đảm 100% máy chủ, máy trạm của đơn vị được cài đặt phần mềm phòng chống mã độc tập trung đáp ứng yêu cầu của Chỉ thị số 14/CT-TTg ngày 25/5/2018.',
        deadline: once('2023-12-31'),
        evidence: 'Danh sách máy được cài đặt, ảnh chụp màn hình máy chủ quản trị tập trung.',
      },
      {
        clause: '1.e',
        assignees: 'Các cơ quan, đơn vị phối hợp với Sở Thông tin và Truyền thông (triển khai đến cấp xã)',
        text: 'Hoàn thành triển khai phòng chống mã độc tập trung đến cấp xã.',
        deadline: once('2024-12-31'),
        evidence: 'Danh sách máy được cài đặt và kết nối về máy chủ quản trị.',
        kinds: ['commune_committee'],
      },
      {
        clause: '1.e',
        assignees: 'Các cơ quan, đơn vị phối hợp với Sở Thông tin và Truyền thông (mở rộng đến đơn vị sự nghiệp giáo dục, y tế)',
        text: 'Mở rộng phòng chống mã độc tập trung đến các đơn vị sự nghiệp giáo dục, y tế trong giai đoạn 2025–2026 (hạn cuối giai đoạn).',
        deadline: once('2026-12-31'),
        evidence: 'Danh sách máy được cài đặt theo từng đơn vị.',
        kinds: ['school', 'hospital'],
      },
      {
        clause: '3.a',
        assignees: 'Công an tỉnh',
        text: 'Chủ trì tham mưu UBND tỉnh ban hành Kế hoạch triển khai Quyết định số 964/QĐ-TTg ngày 10/8/2022 phê duyệt Chiến lược An toàn, An ninh mạng quốc gia.',
        deadline: once('2023-09-30'),
        evidence: 'Kế hoạch của UBND tỉnh đã ban hành.',
        named: [SECURITY_UNIT],
      },
      {
        clause: '7',
        ...VINH_PHUC_7,
        text: 'Phối hợp với Sở Thông tin và Truyền thông và các đơn vị liên quan trong công tác bảo đảm an toàn thông tin mạng, ứng cứu sự cố đối với hạ tầng viễn thông, Internet.',
        evidence: 'Thông tin sự cố đã chia sẻ, kết quả phối hợp ứng cứu.',
      },
      {
        clause: '7',
        ...VINH_PHUC_7,
        text: 'Công bố thông tin đầu mối tiếp nhận sự cố trên cổng/trang thông tin điện tử của doanh nghiệp.',
        evidence: 'Đầu mối tiếp nhận sự cố và đường dẫn trang công bố.',
      },
      {
        clause: '7',
        ...VINH_PHUC_7,
        text: 'Cảnh báo đến khách hàng và hỗ trợ xử lý sự cố đối với dịch vụ do doanh nghiệp cung cấp.',
        evidence: 'Các cảnh báo đã gửi khách hàng (ngày, nội dung, số khách hàng nhận).',
      },
    ],
  },
  {
    kind: 'official_letter',
    number: '…/UBND-CNTT',
    issuer: 'UBND tỉnh Thanh Hóa',
    issuedOn: '2024-01-01',
    issuedPrecision: 'year',
    title: 'Về việc tuân thủ quy định pháp luật và tăng cường bảo đảm an toàn hệ thống thông tin theo cấp độ',
    summary: `Văn bản mẫu của tỉnh Thanh Hóa (bản công bố không ghi số, ngày và tháng, chỉ ghi năm 2024). ${DEMO_MAPPING}`,
    basedOn: 'Chỉ thị số 09/CT-TTg ngày 23/02/2024 của Thủ tướng Chính phủ',
    signerTitle: 'KT. CHỦ TỊCH, PHÓ CHỦ TỊCH',
    signerName: 'Mai Xuân Liêm',
    modelOf: 'tỉnh Thanh Hóa',
    source: 'thanh-hoa-cong-van-2024.md',
    instrument: 'thanh-hoa-letter-2024',
    tasks: [
      {
        clause: '1.d',
        ...THANH_HOA_1,
        text: 'Triển khai đầy đủ phương án bảo đảm an toàn thông tin theo hồ sơ cấp độ được phê duyệt.',
        deadline: once('2024-10-31'),
        evidence: 'Báo cáo triển khai phương án theo từng hệ thống.',
      },
      {
        clause: '3.a',
        ...THANH_HOA_3,
        text: 'Triển khai các biện pháp bảo đảm an toàn thông tin mạng ở mức cơ bản để bảo vệ mọi người dùng dịch vụ viễn thông, Internet, là trách nhiệm của doanh nghiệp.',
        evidence: 'Các biện pháp đã triển khai cho người dùng dịch vụ.',
      },
      {
        clause: '3.b',
        ...THANH_HOA_3,
        text: 'Nghiên cứu, triển khai giải pháp trên thiết bị truy cập Internet do doanh nghiệp cung cấp cho người sử dụng để bảo vệ người sử dụng không truy cập nguồn thông tin vi phạm pháp luật và ngăn chặn nguy cơ mất an toàn thông tin mạng.',
        evidence: 'Giải pháp đã triển khai trên thiết bị truy cập.',
      },
      {
        clause: '3.b',
        ...THANH_HOA_3,
        text: 'Kết nối, chia sẻ thông tin, dữ liệu theo hướng dẫn của Bộ Thông tin và Truyền thông.',
        evidence: 'Thông tin, dữ liệu đã chia sẻ.',
      },
    ],
  },
  {
    kind: 'directive',
    number: '15/CT-UBND',
    issuer: 'UBND tỉnh Quảng Nam',
    issuedOn: '2022-11-09',
    issuedPrecision: 'day',
    title: 'Về việc đẩy mạnh triển khai các hoạt động ứng cứu sự cố an toàn thông tin mạng trên địa bàn tỉnh Quảng Nam',
    summary: `Văn bản mẫu của tỉnh Quảng Nam. Hạn công bố đầu mối (31/10/2022) sớm hơn ngày ký (09/11/2022), như văn bản ghi. ${DEMO_MAPPING}`,
    basedOn: 'Chỉ thị số 18/CT-TTg ngày 13/10/2022 của Thủ tướng Chính phủ',
    signerTitle: 'TM. ỦY BAN NHÂN DÂN, KT. CHỦ TỊCH, PHÓ CHỦ TỊCH',
    signerName: 'Hồ Quang Bửu',
    modelOf: 'tỉnh Quảng Nam',
    source: 'quang-nam-15-CT-UBND-2022.md',
    instrument: 'quang-nam-directive-15-2022',
    tasks: [
      {
        clause: '1, ý thứ ba',
        ...QUANG_NAM_OPERATORS,
        text: 'Chủ động rà quét lỗ hổng trên các hệ thống thông tin trong phạm vi quản lý tối thiểu 01 lần/6 tháng (tính từ ngày ký Chỉ thị).',
        deadline: { kind: 'every_months', months: 6, from: '2022-11-09' },
        evidence: 'Báo cáo kết quả rà quét và khắc phục.',
      },
      {
        clause: '1, ý thứ ba',
        ...QUANG_NAM_OPERATORS,
        text: 'Tham mưu ban hành phương án, kịch bản ứng cứu sự cố cho hệ thống thông tin; cập nhật kịp thời khi có thay đổi.',
        deadline: once('2022-12-31'),
        evidence: 'Quyết định ban hành phương án, kịch bản ứng cứu sự cố.',
      },
      {
        clause: '1, ý thứ năm',
        assignees: 'Các Sở, Ban, ngành, hội, đoàn thể của tỉnh, UBND các huyện, thị xã, thành phố',
        text: 'Công bố thông tin đầu mối (số điện thoại, thư điện tử hoặc kênh liên lạc khác) tiếp nhận thông báo sự cố trên cổng thông tin điện tử của cơ quan.',
        deadline: once('2022-10-31'),
        evidence: 'Đường dẫn trang công bố đầu mối.',
        kinds: ['department', 'district_committee'],
      },
      {
        clause: '2, ý thứ nhất',
        ...DEPARTMENT_OF_ICT,
        text: 'Săn lùng mối nguy hại và rà quét lỗ hổng trên các hệ thống thông tin dùng chung của tỉnh tối thiểu 01 lần/6 tháng (tính từ ngày ký Chỉ thị).',
        deadline: { kind: 'every_months', months: 6, from: '2022-11-09' },
        evidence: 'Báo cáo săn lùng mối nguy hại và rà quét.',
      },
      {
        clause: '2, ý thứ hai',
        ...DEPARTMENT_OF_ICT,
        text: 'Tham mưu ban hành phương án, kịch bản ứng cứu sự cố cho hệ thống thông tin dùng chung của tỉnh.',
        deadline: once('2022-12-31'),
        evidence: 'Quyết định ban hành phương án, kịch bản.',
      },
      {
        clause: '2, ý thứ hai',
        ...DEPARTMENT_OF_ICT,
        text: 'Tổ chức diễn tập thực chiến tối thiểu 01 lần/năm đối với hệ thống thông tin cấp độ 3 trở lên (văn bản không ấn định ngày; hạn là cuối mỗi năm).',
        deadline: yearly(31, 12),
        evidence: 'Kế hoạch, kịch bản và báo cáo kết quả diễn tập.',
      },
      {
        clause: '4, ý thứ nhất',
        ...QUANG_NAM_4,
        text: 'Nghiêm túc tuân thủ các yêu cầu điều phối của Cơ quan điều phối quốc gia, Đội ứng cứu sự cố mạng, máy tính của tỉnh trong các hoạt động ứng cứu, xử lý sự cố.',
        evidence: 'Các yêu cầu điều phối đã thực hiện.',
      },
      {
        clause: '4, ý thứ hai',
        ...QUANG_NAM_4,
        text: 'Cảnh báo cho khách hàng các nguy cơ, sự cố an toàn thông tin mạng trên diện rộng hoặc khi phát hiện nguy cơ, sự cố liên quan tới khách hàng; hỗ trợ khách hàng ứng cứu, xử lý sự cố liên quan tới dịch vụ do doanh nghiệp cung cấp.',
        evidence: 'Các cảnh báo đã gửi khách hàng (ngày, nội dung, số khách hàng nhận).',
      },
      {
        clause: '5, ý thứ nhất',
        ...QUANG_NAM_5,
        text: 'Cung cấp, chia sẻ thông tin về sự cố mất an toàn thông tin mạng về Sở Thông tin và Truyền thông.',
        evidence: 'Thông tin sự cố đã chia sẻ (ngày, nơi nhận, nội dung).',
      },
      {
        clause: '5, ý thứ hai',
        ...QUANG_NAM_5,
        text: 'Phối hợp chặt chẽ với Công an tỉnh, Sở Thông tin và Truyền thông và các đơn vị có liên quan trong các hoạt động ứng cứu, xử lý sự cố.',
        evidence: 'Kết quả phối hợp ứng cứu, xử lý sự cố.',
      },
    ],
  },
  {
    kind: 'official_letter',
    number: '2236/UBND-KT',
    issuer: 'UBND tỉnh Bắc Giang',
    issuedOn: '2019-06-27',
    issuedPrecision: 'day',
    title: 'Về việc thực hiện Chỉ thị số 14/CT-TTg ngày 07/6/2019 của Thủ tướng Chính phủ',
    summary: `Văn bản mẫu của tỉnh Bắc Giang. ${DEMO_MAPPING}`,
    basedOn: 'Chỉ thị số 14/CT-TTg ngày 07/6/2019 của Thủ tướng Chính phủ',
    signerTitle: 'KT. CHỦ TỊCH, PHÓ CHỦ TỊCH',
    signerName: 'Nguyễn Thị Thu Hà',
    modelOf: 'tỉnh Bắc Giang',
    source: 'bac-giang-2236-UBND-KT-2019.md',
    instrument: 'bac-giang-letter-2236-2019',
    tasks: [
      {
        clause: '1, ý thứ ba',
        assignees: 'Các sở, cơ quan thuộc UBND tỉnh; UBND các huyện, thành phố',
        text: 'Thông báo thông tin đầu mối thực hiện giám sát, ứng cứu sự cố an toàn thông tin mạng về Sở Thông tin và Truyền thông để tổng hợp.',
        deadline: once('2019-12-15'),
        evidence: 'Văn bản thông báo đầu mối.',
        kinds: ['department', 'district_committee'],
      },
      {
        clause: '2, ý thứ hai',
        ...DEPARTMENT_OF_ICT,
        text: 'Thông báo thông tin đầu mối giám sát, ứng cứu sự cố của tỉnh về Bộ Thông tin và Truyền thông; cập nhật khi có thay đổi.',
        deadline: once('2019-12-31'),
        evidence: 'Văn bản gửi Bộ.',
      },
      {
        clause: '2, ý thứ ba',
        ...DEPARTMENT_OF_ICT,
        text: 'Lựa chọn tổ chức độc lập kiểm tra, đánh giá hằng năm các hệ thống thông tin cấp độ 3 trở lên; báo cáo Bộ trước ngày 14/12 hằng năm.',
        deadline: yearly(14, 12),
        evidence: 'Báo cáo kết quả kiểm tra, đánh giá gửi Bộ.',
      },
      {
        clause: '9, ý thứ nhất',
        ...BAC_GIANG_9,
        text: 'Thiết lập, kiện toàn đầu mối đơn vị chuyên trách an toàn thông tin mạng của doanh nghiệp để bảo vệ hệ thống, khách hàng của mình.',
        evidence: 'Đầu mối đơn vị chuyên trách (họ tên, chức vụ, điện thoại, thư điện tử).',
      },
      {
        clause: '9, ý thứ nhất',
        ...BAC_GIANG_9,
        text: 'Tham gia hỗ trợ các cơ quan, tổ chức nhà nước giám sát, bảo vệ, kiểm tra, đánh giá an toàn thông tin mạng dưới sự điều phối của Sở Thông tin và Truyền thông.',
        evidence: 'Các hoạt động hỗ trợ đã tham gia.',
      },
      {
        clause: '9, ý thứ hai',
        ...BAC_GIANG_9,
        text: 'Triển khai các biện pháp kỹ thuật bảo vệ trẻ em trên môi trường mạng theo hướng dẫn của Bộ Thông tin và Truyền thông.',
        evidence: 'Các biện pháp kỹ thuật đã triển khai.',
      },
    ],
  },
  {
    kind: 'official_dispatch',
    number: '33/CĐ-TTg',
    issuer: 'Thủ tướng Chính phủ',
    issuedOn: '2024-04-07',
    issuedPrecision: 'day',
    title: 'Về tăng cường bảo đảm an toàn thông tin mạng',
    summary:
      'Công điện của Thủ tướng Chính phủ gửi các bộ, ngành và Chủ tịch UBND các tỉnh, thành phố trực thuộc Trung ương. Thời hạn tháng 9 và tháng 12 năm 2024 tại điểm a khoản 2 ràng buộc tổ chức, doanh nghiệp cung cấp dịch vụ trực tuyến thuộc các bộ, cơ quan được nêu, không giao cho cơ quan của tỉnh.',
    signerTitle: 'THỦ TƯỚNG',
    signerName: 'Phạm Minh Chính',
    modelOf: null,
    source: 'hai-phong-812-UBND-KSTTHC-2024-va-33-CD-TTg.md',
    instrument: 'dispatch-33-2024',
    tasks: [
      {
        clause: '1.a.(2)',
        ...DISPATCH_33_1,
        text: 'Chỉ đạo tổng rà soát, đánh giá tình hình bảo đảm an toàn thông tin mạng các hệ thống thuộc phạm vi quản lý; gửi kết quả về Bộ trước ngày 30/4/2024.',
        deadline: once('2024-04-30'),
        evidence: 'Báo cáo kết quả rà soát gửi Bộ.',
      },
      {
        clause: '1.c',
        ...DISPATCH_33_1,
        text: 'Hằng quý gửi Bộ báo cáo tình hình bảo đảm an toàn thông tin mạng các hệ thống thuộc phạm vi quản lý, trước ngày 20 của tháng cuối quý.',
        deadline: { kind: 'quarterly', day: 20, monthOfQuarter: 3 },
        evidence: 'Báo cáo quý đã ký, gửi Bộ.',
      },
      {
        clause: '2.a.(2)',
        assignees:
          'Tổ chức, doanh nghiệp chủ quản hệ thống thông tin cung cấp dịch vụ trực tuyến phục vụ người dân, doanh nghiệp thuộc các Bộ, cơ quan nêu tại khoản 2 và UBND thành phố Hà Nội, Thành phố Hồ Chí Minh',
        text: 'Hoàn thành phê duyệt hồ sơ đề xuất cấp độ cho 100% hệ thống thông tin trong tháng 9 năm 2024.',
        deadline: once('2024-09-30'),
        evidence: 'Quyết định phê duyệt cấp độ.',
      },
      {
        clause: '2.a.(2)',
        assignees:
          'Tổ chức, doanh nghiệp chủ quản hệ thống thông tin cung cấp dịch vụ trực tuyến phục vụ người dân, doanh nghiệp thuộc các Bộ, cơ quan nêu tại khoản 2 và UBND thành phố Hà Nội, Thành phố Hồ Chí Minh',
        text: 'Triển khai đầy đủ phương án bảo đảm an toàn thông tin theo hồ sơ cấp độ được phê duyệt trong tháng 12 năm 2024.',
        deadline: once('2024-12-31'),
        evidence: 'Báo cáo triển khai phương án.',
      },
    ],
  },
  {
    kind: 'official_letter',
    number: '812/UBND-KSTTHC',
    issuer: 'UBND thành phố Hải Phòng',
    issuedOn: '2024-04-12',
    issuedPrecision: 'day',
    title: 'Về việc tăng cường bảo đảm an toàn thông tin mạng',
    summary: `Văn bản mẫu của thành phố Hải Phòng, triển khai Công điện số 33/CĐ-TTg (gửi kèm). ${DEMO_MAPPING}`,
    basedOn: 'Công điện số 33/CĐ-TTg ngày 07/4/2024 của Thủ tướng Chính phủ',
    signerTitle: 'CHỦ TỊCH',
    signerName: 'Nguyễn Văn Tùng',
    modelOf: 'thành phố Hải Phòng',
    source: 'hai-phong-812-UBND-KSTTHC-2024-va-33-CD-TTg.md',
    instrument: 'hai-phong-letter-812-2024',
    tasks: [
      {
        clause: '2, ý thứ nhất',
        assignees: 'Sở Thông tin và Truyền thông chủ trì, phối hợp với các cơ quan, đơn vị liên quan',
        text: 'Chỉ đạo tổng rà soát, đánh giá tình hình bảo đảm an toàn thông tin mạng các hệ thống thuộc phạm vi quản lý; gửi kết quả về Bộ trước ngày 30/4/2024.',
        deadline: once('2024-04-30'),
        evidence: 'Báo cáo kết quả rà soát gửi Bộ.',
        named: [SECURITY_UNIT],
      },
      {
        clause: '3, ý thứ tư',
        assignees: 'Sở Thông tin và Truyền thông chủ trì, phối hợp với Công an thành phố, Bộ Chỉ huy Quân sự thành phố và các cơ quan, đơn vị liên quan',
        text: 'Hằng quý gửi Bộ báo cáo tình hình bảo đảm an toàn thông tin mạng các hệ thống thuộc phạm vi quản lý, trước ngày 20 của tháng cuối quý.',
        deadline: { kind: 'quarterly', day: 20, monthOfQuarter: 3 },
        evidence: 'Báo cáo quý đã ký, gửi Bộ.',
        named: [SECURITY_UNIT],
      },
    ],
  },
];

/** The published text of a seed document. */
export const sourceTextOf = (d: SeedDirective) => readFileSync(new URL(`../../../data/directives/${d.source}`, import.meta.url), 'utf8');

const at = (day: string, hour = 9) => new Date(`${day}T${String(hour).padStart(2, '0')}:00:00+07:00`);

/** The demo directives, their assignments and a history of progress: most work done and accepted, some overdue, some awaiting review. */
export async function seedDemoDirectives(tx: Tx, r: Random): Promise<number> {
  const today = todayVn();
  const all = await tx.select({ id: agencies.id, kind: agencies.kind, active: agencies.active, name: agencies.name }).from(agencies);
  const [attt] = await tx.select({ id: users.id, fullName: users.fullName }).from(users).where(eq(users.username, 'attt'));
  const officers = await tx
    .select({ id: users.id, fullName: users.fullName, agencyId: users.agencyId })
    .from(users)
    .where(
      inArray(
        users.agencyId,
        all.map((a) => a.id),
      ),
    );
  const reporterOf = (agencyId: number) => officers.find((o) => o.agencyId === agencyId) ?? null;

  for (const d of DIRECTIVES) {
    const [directive] = await tx
      .insert(directives)
      .values({
        kind: d.kind,
        number: d.number,
        issuer: d.issuer,
        issuedOn: d.issuedOn,
        issuedPrecision: d.issuedPrecision,
        title: d.title,
        summary: d.summary,
        basedOn: d.basedOn ?? null,
        signerTitle: d.signerTitle,
        signerName: d.signerName,
        modelOf: d.modelOf,
        instrument: d.instrument,
        sourceText: sourceTextOf(d),
        createdBy: attt?.id ?? null,
        createdAt: at(d.issuedOn),
        updatedAt: at(d.issuedOn),
      })
      .returning({ id: directives.id });
    for (const [i, t] of d.tasks.entries()) {
      const named = all.filter((a) => t.named?.includes(a.name)).map((a) => a.id);
      const assignees = resolveAssignees(all, { kinds: t.kinds ?? [], agencyIds: named });
      const [task] = await tx
        .insert(directiveTasks)
        .values({
          directiveId: directive!.id,
          code: String(i + 1),
          text: t.text,
          legalClause: t.clause,
          assigneesText: t.assignees,
          deadline: t.deadline,
          expectedEvidence: t.evidence,
          assignKinds: t.kinds ?? [],
          assignAgencyIds: named,
          createdAt: at(d.issuedOn),
          updatedAt: at(d.issuedOn),
        })
        .returning({ id: directiveTasks.id });

      type Plan = {
        agencyId: number;
        dueOn: string | null;
        status: AssignmentStatus;
        completed: number;
        lastDone: string | null;
        reports: { dueOn: string; progress: 'in_progress' | 'done'; review: 'accepted' | 'pending' | 'returned' | null; day: string }[];
      };
      const plans: Plan[] = assignees.map((agencyId) => {
        const plan: Plan = { agencyId, dueOn: null, status: 'not_started', completed: 0, lastDone: null, reports: [] };
        // A standing duty has no occurrence to report on: it starts open, and draws nothing from the random stream.
        if (t.deadline.kind === 'standing') return plan;
        // The occurrence due most recently (before today), and the one after it.
        const past = previousOccurrence(t.deadline, today);
        const upcoming = nextOccurrence(t.deadline, today);
        const roll = r.next();
        if (past && roll < 0.78) {
          plan.reports.push({ dueOn: past, progress: 'done', review: 'accepted', day: addDays(past, -r.int(1, 10)) });
          const next = afterAcceptance(t.deadline, past);
          Object.assign(plan, { status: next.status, dueOn: next.dueOn, completed: 1, lastDone: past });
        } else if (past && roll < 0.86) {
          plan.reports.push({ dueOn: past, progress: 'done', review: 'pending', day: addDays(past, -1) });
          Object.assign(plan, { status: 'submitted', dueOn: past });
        } else if (past) {
          // Overdue: some started, one returned with reasons.
          if (r.chance(0.4)) plan.reports.push({ dueOn: past, progress: 'in_progress', review: null, day: addDays(past, -r.int(5, 20)) });
          else if (r.chance(0.3)) plan.reports.push({ dueOn: past, progress: 'done', review: 'returned', day: addDays(past, -2) });
          plan.status = plan.reports[0]?.review === 'returned' ? 'returned' : plan.reports.length ? 'in_progress' : 'not_started';
          plan.dueOn = past;
        } else {
          plan.dueOn = upcoming;
          if (r.chance(0.3)) {
            plan.reports.push({ dueOn: upcoming!, progress: 'in_progress', review: null, day: addDays(today, -r.int(1, 30)) });
            plan.status = 'in_progress';
          }
        }
        return plan;
      });
      if (!plans.length) continue;
      const inserted = await tx
        .insert(taskAssignments)
        .values(
          plans.map((p) => ({
            taskId: task!.id,
            agencyId: p.agencyId,
            dueOn: p.dueOn,
            status: p.status,
            completedOccurrences: p.completed,
            lastCompletedDueOn: p.lastDone,
          })),
        )
        .returning({ id: taskAssignments.id, agencyId: taskAssignments.agencyId });
      const reports = plans.flatMap((p) =>
        p.reports.map((rep) => {
          const reporter = reporterOf(p.agencyId);
          const reviewed = rep.review === 'accepted' || rep.review === 'returned';
          return {
            assignmentId: inserted.find((a) => a.agencyId === p.agencyId)!.id,
            dueOn: rep.dueOn,
            progress: rep.progress,
            comment: rep.progress === 'done' ? 'Đã hoàn thành nhiệm vụ, gửi kèm báo cáo kết quả.' : 'Đang triển khai, dự kiến hoàn thành đúng hạn.',
            review: rep.review,
            reviewComment:
              rep.review === 'returned' ? 'Báo cáo chưa có số liệu cụ thể; đề nghị bổ sung minh chứng.' : rep.review === 'accepted' ? 'Đạt yêu cầu.' : null,
            reviewedBy: reviewed ? (attt?.id ?? null) : null,
            reviewedByName: reviewed ? (attt?.fullName ?? null) : null,
            reviewedAt: reviewed ? at(addDays(rep.day, 2), 15) : null,
            submittedBy: reporter?.id ?? null,
            submittedByName: reporter?.fullName ?? 'Cán bộ đầu mối',
            submittedAt: at(rep.day, 10),
          };
        }),
      );
      if (reports.length) await tx.insert(taskReports).values(reports);
    }
  }
  return DIRECTIVES.length;
}
