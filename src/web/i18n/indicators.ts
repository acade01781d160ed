/** UI strings of the indicator screens, under the "indicators" key: t('indicators.title'). */
export const vi = {
  title: 'Chỉ tiêu an toàn thông tin', dashboard: 'Bảng điều hành', period: 'Kỳ báo cáo', score: 'Điểm tổng hợp', scoreHelp: 'Bình quân có trọng số mức đạt của từng chỉ tiêu (tối đa 100); chỉ tiêu không có số liệu không tính.',
  indicator: 'Chỉ tiêu', value: 'Kết quả', target: 'Mục tiêu', status: 'Đánh giá', source: 'Căn cứ', agencies: 'Số cơ quan',
  rag: { green: 'Đạt', amber: 'Chưa đạt', red: 'Không đạt, quá hạn', none: 'Chưa có số liệu' },
  tabs: { children: 'Đơn vị trực thuộc', tiers: 'Theo cấp', ranking: 'Xếp hạng', overdue: 'Quá hạn, còn thiếu', systems: 'Hệ thống' },
  trend: 'Diễn biến theo quý', byChild: 'So sánh đơn vị trực thuộc', rank: 'Hạng', notReported: 'Chưa báo cáo kỳ này', export: 'Xuất Excel',
  national: 'Toàn quốc', rankingMore: 'Còn {{count}} cơ quan nữa: xem đủ trong tệp Excel.',
  overdue: {
    antimalwareLate: 'Quá hạn phủ phần mềm phòng chống mã độc', notReported: 'Chưa báo cáo chỉ tiêu kỳ này', contactMissing: 'Đầu mối ATTT chưa cử hoặc chưa công bố',
    budgetsUnder10: 'Kế hoạch, dự án có kinh phí ATTT dưới 10%', systemsUnapproved: 'Hệ thống đang vận hành chưa được phê duyệt cấp độ', none: 'Không có',
  },
  up: 'Lên cấp trên', own: 'Số liệu của riêng cơ quan', enter: 'Nhập chỉ tiêu', report: 'Báo cáo chỉ tiêu',
  form: {
    endpoints: 'Phòng chống mã độc', servers: 'Số máy chủ', workstations: 'Số máy trạm', protectedEndpoints: 'Số máy cài phần mềm quản trị tập trung',
    antimalwareProduct: 'Sản phẩm', antimalwareConsole: 'Máy chủ quản trị', staff: 'Đào tạo, tập huấn', staffTotal: 'Tổng số cán bộ', staffTrained: 'Số cán bộ được phổ biến, tập huấn trong năm',
    trainingSessions: 'Số lớp tập huấn đã tham gia', layers: 'Mô hình bảo vệ 4 lớp', layerOnsite: 'Lớp 1: Lực lượng tại chỗ', layerOnsiteTeam: 'Bộ phận đảm nhiệm',
    layerMonitoring: 'Lớp 2: Doanh nghiệp giám sát, bảo vệ chuyên nghiệp', layerMonitoringProviderId: 'Doanh nghiệp', layerAssessor: 'Lớp 3: Tổ chức kiểm tra, đánh giá độc lập',
    layerAssessorId: 'Tổ chức', layerNational: 'Lớp 4: Kết nối Hệ thống giám sát quốc gia', layerNationalConnectedOn: 'Ngày kết nối', other: 'Khác',
    cleanCyberspace: 'Tham gia chiến dịch làm sạch mã độc năm nay', pdpSelfAssessment: 'Đã tự đánh giá bảo vệ dữ liệu cá nhân ({{source}})', note: 'Ghi chú',
    source: { manual: 'Nhập tay', ingest: 'Đẩy từ máy chủ quản trị' },
  },
  history: 'Lịch sử báo cáo', budgets: 'Kinh phí ATTT trong kế hoạch, dự án CNTT', budget: {
    year: 'Năm', name: 'Kế hoạch, dự án', kind: 'Loại', plan: 'Kế hoạch', project: 'Dự án', total: 'Tổng kinh phí (đồng)', security: 'Kinh phí ATTT (đồng)', share: 'Tỷ lệ', add: 'Thêm kế hoạch, dự án',
  },
  tokens: 'Mã truy cập API cho máy chủ quản trị phòng chống mã độc', token: { name: 'Tên', issue: 'Cấp mã mới', revoke: 'Thu hồi', lastUsed: 'Dùng lần cuối', revoked: 'Đã thu hồi', shown: 'Mã chỉ hiển thị một lần. Cấu hình máy chủ quản trị gửi tiêu đề Authorization: Bearer <mã> tới POST /api/ingest/endpoints.' },
};
export const en: typeof vi = {
  title: 'Security indicators', dashboard: 'Dashboard', period: 'Period', score: 'Composite score', scoreHelp: 'Weighted mean of each indicator\'s attainment (max 100); indicators without data are left out.',
  indicator: 'Indicator', value: 'Result', target: 'Target', status: 'Status', source: 'Source', agencies: 'Agencies',
  rag: { green: 'Met', amber: 'Not yet met', red: 'Missed, past deadline', none: 'No data' },
  tabs: { children: 'Subordinate units', tiers: 'By tier', ranking: 'Ranking', overdue: 'Overdue and missing', systems: 'Systems' },
  trend: 'Trend by quarter', byChild: 'Subordinate units compared', rank: 'Rank', notReported: 'Not reported this period', export: 'Export to Excel',
  national: 'Whole country', rankingMore: '{{count}} more agencies: the Excel export has them all.',
  overdue: {
    antimalwareLate: 'Anti-malware coverage past deadline', notReported: 'No indicator report this period', contactMissing: 'Contact point missing or unpublished',
    budgetsUnder10: 'Plans and projects under 10% for security', systemsUnapproved: 'Systems in operation without an approved level', none: 'None',
  },
  up: 'Up one level', own: 'The agency\'s own figures', enter: 'Enter indicators', report: 'Indicator report',
  form: {
    endpoints: 'Anti-malware', servers: 'Servers', workstations: 'Workstations', protectedEndpoints: 'Machines under centralized management',
    antimalwareProduct: 'Product', antimalwareConsole: 'Management console', staff: 'Training', staffTotal: 'Staff', staffTrained: 'Staff informed or trained this year',
    trainingSessions: 'Training sessions attended', layers: '4-layer protection model', layerOnsite: 'Layer 1: on-site force', layerOnsiteTeam: 'Team',
    layerMonitoring: 'Layer 2: professional monitoring provider', layerMonitoringProviderId: 'Provider', layerAssessor: 'Layer 3: independent assessor',
    layerAssessorId: 'Assessor', layerNational: 'Layer 4: connected to the national monitoring system', layerNationalConnectedOn: 'Connected on', other: 'Other',
    cleanCyberspace: 'Took part in this year\'s clean-cyberspace campaign', pdpSelfAssessment: 'Personal data protection self-assessment done ({{source}})', note: 'Note',
    source: { manual: 'Entered by hand', ingest: 'Pushed by the console' },
  },
  history: 'Report history', budgets: 'Security share of IT plans and projects', budget: {
    year: 'Year', name: 'Plan or project', kind: 'Kind', plan: 'Plan', project: 'Project', total: 'Total (VND)', security: 'Security (VND)', share: 'Share', add: 'Add plan or project',
  },
  tokens: 'API tokens for the anti-malware console', token: { name: 'Name', issue: 'Issue a token', revoke: 'Revoke', lastUsed: 'Last used', revoked: 'Revoked', shown: 'Shown only once. Configure the console to send Authorization: Bearer <token> to POST /api/ingest/endpoints.' },
};
