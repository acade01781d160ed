/** UI strings of the directives, tasks, reminders and reports screens, under the "directives" key: t('directives.title'). */
export const vi = {
  title: 'Nhiệm vụ theo văn bản chỉ đạo',
  tabs: { tasks: 'Nhiệm vụ được giao', directives: 'Văn bản chỉ đạo' },
  directive: {
    add: 'Nhập văn bản chỉ đạo', edit: 'Sửa văn bản', kind: 'Loại văn bản', number: 'Số, ký hiệu', issuer: 'Cơ quan ban hành', issuedOn: 'Ngày ban hành',
    title: 'Trích yếu', summary: 'Tóm tắt nội dung', basedOn: 'Căn cứ (văn bản cấp trên)', file: 'Văn bản gốc', attach: 'Đính kèm văn bản',
    precision: 'Ngày ban hành ghi trong văn bản', precisions: { day: 'Đủ ngày, tháng, năm', month: 'Chỉ ghi tháng và năm', year: 'Chỉ ghi năm' },
    signer: 'Người ký', signerTitle: 'Thẩm quyền, chức vụ người ký', signerName: 'Họ tên người ký',
    modelOf: 'Văn bản mẫu của (tỉnh, thành phố khác)', modelNotice: 'Văn bản mẫu của {{province}}, không phải văn bản của tỉnh này.',
    sourceText: 'Toàn văn văn bản', openSource: 'Xem toàn văn', model: 'Văn bản mẫu',
    tasks: 'Số nhiệm vụ', completed: 'Hoàn thành', overdue: 'Quá hạn', none: 'Chưa có văn bản chỉ đạo nào.',
    kinds: { directive: 'Chỉ thị', official_letter: 'Công văn', official_dispatch: 'Công điện', plan: 'Kế hoạch' },
  },
  task: {
    add: 'Thêm nhiệm vụ', edit: 'Sửa nhiệm vụ', withdraw: 'Thu hồi nhiệm vụ', text: 'Nội dung nhiệm vụ', code: 'Mục', clause: 'Điều, khoản, mục',
    addressed: 'Văn bản giao cho', addressedHint: 'Ghi đúng như văn bản',
    evidence: 'Minh chứng cần nộp', assignees: 'Cơ quan được giao', byKind: 'Giao theo loại cơ quan', byName: 'Giao cho cơ quan cụ thể',
    willAssign: 'Sẽ giao cho {{count}} cơ quan, đơn vị', deadline: 'Thời hạn', noTasks: 'Văn bản chưa có nhiệm vụ nào.', withdrawn: 'Đã thu hồi',
    agency: 'Cơ quan', due: 'Hạn hoàn thành', status: 'Tình trạng', done: 'Đã hoàn thành {{count}} kỳ',
  },
  deadline: {
    kind: 'Loại thời hạn', once: 'Một lần, trước ngày', yearly: 'Hằng năm', quarterly: 'Hằng quý', every_months: 'Định kỳ N tháng',
    date: 'Ngày', day: 'Ngày', month: 'Tháng', monthOfQuarter: 'Tháng trong quý', months: 'Số tháng', from: 'Hạn đầu tiên', until: 'Đến ngày (không bắt buộc)',
    monthsOfQuarter: { 1: 'Tháng đầu quý', 2: 'Tháng giữa quý', 3: 'Tháng cuối quý' }, next: 'Hạn gần nhất: {{date}}', noNext: 'Không còn kỳ hạn nào',
  },
  status: { not_started: 'Chưa thực hiện', in_progress: 'Đang thực hiện', submitted: 'Chờ xác nhận', returned: 'Bị trả lại', completed: 'Hoàn thành' },
  overdue: 'Quá hạn', dueToday: 'Đến hạn hôm nay', overdueOnly: 'Chỉ nhiệm vụ quá hạn', daysLeft: 'còn {{count}} ngày', daysLate: 'quá {{count}} ngày',
  list: { task: 'Nhiệm vụ', directive: 'Văn bản', agency: 'Cơ quan', due: 'Hạn', status: 'Tình trạng', empty: 'Không có nhiệm vụ nào.', total: 'Tổng số: {{total}} · quá hạn: {{overdue}}' },
  assignment: {
    back: 'Danh sách nhiệm vụ', report: 'Báo cáo tiến độ', progress: 'Tiến độ', comment: 'Nội dung báo cáo', evidence: 'Minh chứng', upload: 'Tải minh chứng lên',
    submit: 'Gửi báo cáo', progressKinds: { in_progress: 'Đang thực hiện', done: 'Đã hoàn thành (đề nghị xác nhận)' }, reports: 'Lịch sử báo cáo',
    noReports: 'Chưa có báo cáo nào.', review: { accept: 'Xác nhận hoàn thành', return: 'Trả lại', comment: 'Ý kiến của đơn vị chuyên trách', pending: 'Chờ xác nhận',
      accepted: 'Đã xác nhận', returned: 'Đã trả lại' }, forOccurrence: 'Kỳ hạn {{date}}', selectEvidence: 'Minh chứng kèm theo báo cáo',
    sent: 'Đã gửi báo cáo', reviewed: 'Đã ghi nhận ý kiến',
  },
  reminders: {
    title: 'Nhắc việc', notifications: 'Thông báo', markAll: 'Đánh dấu đã đọc tất cả', none: 'Không có thông báo mới.', all: 'Xem tất cả thông báo',
    preferences: 'Chọn loại nhắc việc muốn nhận', kind: 'Loại nhắc việc', inApp: 'Trong ứng dụng', email: 'Thư điện tử', run: 'Chạy nhắc việc ngay',
    ran: 'Đã gửi {{delivered}} nhắc việc ({{emailed}} thư điện tử)', outbox: 'Hộp thư đi', overdueTasks: '{{count}} nhiệm vụ quá hạn',
  },
  outbox: { title: 'Hộp thư đi (chưa cấu hình máy chủ SMTP)', hint: 'Thư nhắc việc được ghi thành tệp .eml trong thư mục outbox.', to: 'Người nhận', empty: 'Chưa có thư nào.' },
  reports: {
    title: 'Báo cáo', generate: 'Lập báo cáo', kind: 'Loại báo cáo', agency: 'Phạm vi (cơ quan và đơn vị trực thuộc)', year: 'Năm', quarter: 'Quý', directive: 'Văn bản chỉ đạo',
    number: 'Số', due: 'Hạn gửi', createdAt: 'Lập lúc', createdBy: 'Người lập', empty: 'Chưa có báo cáo nào.', docx: 'Tải DOCX', xlsx: 'Tải XLSX',
    snapshot: 'Số liệu tại thời điểm lập báo cáo ({{at}}); báo cáo mở lại luôn hiển thị đúng số liệu đã gửi.', figures: 'Chỉ tiêu', value: 'Giá trị', recipients: 'Nơi nhận',
    kinds: {
      quarterly_security: 'Báo cáo quý về bảo đảm an toàn HTTT (gửi Bộ)', directive_yearly: 'Báo cáo năm thực hiện văn bản chỉ đạo (gửi UBND tỉnh)',
      agency_compliance: 'Báo cáo mức độ tuân thủ của cơ quan',
    },
  },
};

export const en: typeof vi = {
  title: 'Tasks from directives',
  tabs: { tasks: 'Assigned tasks', directives: 'Directives' },
  directive: {
    add: 'Enter a directive', edit: 'Edit directive', kind: 'Kind', number: 'Number and symbol', issuer: 'Issued by', issuedOn: 'Issued on',
    title: 'Subject', summary: 'Summary', basedOn: 'Based on (higher-level document)', file: 'Original document', attach: 'Attach document',
    precision: 'Date as the document gives it', precisions: { day: 'Day, month and year', month: 'Month and year only', year: 'Year only' },
    signer: 'Signed by', signerTitle: 'Signing authority and title', signerName: 'Signer’s full name',
    modelOf: 'Model text of (another province)', modelNotice: 'A model text of {{province}}, not this province’s own document.',
    sourceText: 'Full text', openSource: 'Read the full text', model: 'Model text',
    tasks: 'Tasks', completed: 'Completed', overdue: 'Overdue', none: 'No directives yet.',
    kinds: { directive: 'Directive', official_letter: 'Official letter', official_dispatch: 'Official dispatch', plan: 'Plan' },
  },
  task: {
    add: 'Add task', edit: 'Edit task', withdraw: 'Withdraw task', text: 'Task', code: 'Item', clause: 'Article, clause, item',
    addressed: 'The document addresses', addressedHint: 'As the document words it',
    evidence: 'Evidence expected', assignees: 'Assigned to', byKind: 'By agency kind', byName: 'To named agencies',
    willAssign: 'Will be assigned to {{count}} agencies', deadline: 'Deadline', noTasks: 'This directive has no tasks yet.', withdrawn: 'Withdrawn',
    agency: 'Agency', due: 'Due', status: 'Status', done: '{{count}} occurrence(s) completed',
  },
  deadline: {
    kind: 'Deadline type', once: 'Once, by', yearly: 'Every year', quarterly: 'Every quarter', every_months: 'Every N months',
    date: 'Date', day: 'Day', month: 'Month', monthOfQuarter: 'Month of the quarter', months: 'Months', from: 'First deadline', until: 'Until (optional)',
    monthsOfQuarter: { 1: 'First month', 2: 'Second month', 3: 'Last month' }, next: 'Next deadline: {{date}}', noNext: 'No further deadline',
  },
  status: { not_started: 'Not started', in_progress: 'In progress', submitted: 'Awaiting review', returned: 'Returned', completed: 'Completed' },
  overdue: 'Overdue', dueToday: 'Due today', overdueOnly: 'Overdue only', daysLeft: '{{count}} days left', daysLate: '{{count}} days late',
  list: { task: 'Task', directive: 'Directive', agency: 'Agency', due: 'Due', status: 'Status', empty: 'No tasks.', total: 'Total: {{total}} · overdue: {{overdue}}' },
  assignment: {
    back: 'Task list', report: 'Report progress', progress: 'Progress', comment: 'Report', evidence: 'Evidence', upload: 'Upload evidence',
    submit: 'Send report', progressKinds: { in_progress: 'In progress', done: 'Done (ask for acceptance)' }, reports: 'Reports',
    noReports: 'No reports yet.', review: { accept: 'Accept', return: 'Return', comment: 'Comment of the security unit', pending: 'Awaiting review',
      accepted: 'Accepted', returned: 'Returned' }, forOccurrence: 'Deadline {{date}}', selectEvidence: 'Evidence sent with the report',
    sent: 'Report sent', reviewed: 'Review recorded',
  },
  reminders: {
    title: 'Reminders', notifications: 'Notifications', markAll: 'Mark all as read', none: 'No new notifications.', all: 'All notifications',
    preferences: 'Reminders I receive', kind: 'Reminder', inApp: 'In the app', email: 'E-mail', run: 'Run reminders now',
    ran: '{{delivered}} reminders delivered ({{emailed}} e-mails)', outbox: 'Outbox', overdueTasks: '{{count}} overdue tasks',
  },
  outbox: { title: 'Outbox (no SMTP server configured)', hint: 'Reminder e-mails are written as .eml files in the outbox folder.', to: 'To', empty: 'No messages yet.' },
  reports: {
    title: 'Reports', generate: 'Generate report', kind: 'Report', agency: 'Scope (agency and its units)', year: 'Year', quarter: 'Quarter', directive: 'Directive',
    number: 'Number', due: 'Due', createdAt: 'Generated', createdBy: 'By', empty: 'No reports yet.', docx: 'Download DOCX', xlsx: 'Download XLSX',
    snapshot: 'Figures as of generation ({{at}}); a re-opened report always shows what was sent.', figures: 'Indicator', value: 'Value', recipients: 'Recipients',
    kinds: {
      quarterly_security: 'Quarterly report on information system security (to the Ministry)', directive_yearly: 'Yearly report on a directive (to the People\'s Committee)',
      agency_compliance: 'Agency compliance report',
    },
  },
};
