/** UI strings of the warnings, scans, assessments and inspections screens, under the "warnings" key: t('warnings.title'). */
export const vi = {
  title: 'Cảnh báo, rà quét và đánh giá',
  tabs: { warnings: 'Cảnh báo', items: 'Việc cần xử lý', scans: 'Rà quét lỗ hổng', assessments: 'Đánh giá định kỳ', inspections: 'Kiểm tra tuân thủ' },
  severity: { critical: 'Nghiêm trọng', high: 'Cao', medium: 'Trung bình', low: 'Thấp' },
  status: { open: 'Chưa xử lý', patched: 'Đã vá', mitigated: 'Đã giảm thiểu', not_affected: 'Không bị ảnh hưởng', accepted_risk: 'Chấp nhận rủi ro' },
  certainty: { in_range: 'phiên bản trong phạm vi', all_versions: 'mọi phiên bản', unknown_version: 'chưa rõ phiên bản' },
  list: {
    add: 'Ghi nhận cảnh báo', import: 'Nhập từ tệp', importHint: 'Danh mục CISA KEV (JSON, CSV), kết quả NVD CVE API 2.0 (JSON), bản tin CSAF 2.0 hoặc OSV (JSON), hoặc danh sách cảnh báo theo mẫu Khiên: CSV mỗi dòng một cảnh báo, cột sản phẩm "hãng|sản phẩm|phạm vi phiên bản" cách nhau bởi dấu ";", hoặc JSON. Định dạng được nhận biết theo nội dung tệp. Cảnh báo đã có (trùng nguồn và số hiệu) được bỏ qua; tệp có mục lỗi sẽ không được nhập mục nào.',
    importDone: 'Đã nhập {{created}} cảnh báo từ {{format}} ({{items}} hệ thống bị ảnh hưởng), bỏ qua {{skipped}} đã có và {{ignored}} chưa nêu sản phẩm; {{knownExploited}} CVE được ghi nhận đang bị khai thác', empty: 'Chưa có cảnh báo nào.',
    exploitedOnly: 'Chỉ cảnh báo có lỗ hổng đang bị khai thác',
    progress: 'Tiến độ xử lý', affected: 'Hệ thống bị ảnh hưởng', overdueItems: 'Việc quá hạn trong phạm vi', noOverdue: 'Không có việc quá hạn.',
  },
  field: {
    source: 'Cơ quan cảnh báo', number: 'Số hiệu', issuedOn: 'Ngày cảnh báo', title: 'Tiêu đề', description: 'Nội dung', cveIds: 'Mã CVE',
    cveHint: 'Cách nhau bởi dấu phẩy hoặc khoảng trắng', severity: 'Mức độ', recommendedAction: 'Biện pháp khuyến nghị', deadline: 'Hạn xử lý',
    dueOn: 'Hạn xử lý', deadlineHint: 'Bỏ trống: theo mức độ (nghiêm trọng 7 ngày, cao 15, trung bình 30, thấp 60)',
    products: 'Sản phẩm bị ảnh hưởng', vendor: 'Hãng', product: 'Sản phẩm', versionRange: 'Phạm vi phiên bản', cpe: 'CPE',
    rangeHint: 'Ví dụ: >=2.4.0 <2.4.58 || 2.2.x; 7.2.0 - 7.2.6; 2012 R2; bỏ trống là mọi phiên bản', addProduct: 'Thêm sản phẩm',
  },
  detail: {
    back: 'Danh sách cảnh báo', matchedAt: 'Đối chiếu danh mục lúc', rematch: 'Đối chiếu lại danh mục phần mềm', rematched: 'Đã đối chiếu lại: {{count}} hệ thống mới bị ảnh hưởng',
    byAgency: 'Tiến độ theo cơ quan', items: 'Hệ thống bị ảnh hưởng', matched: 'Phần mềm khớp', total: 'Số hệ thống', answered: 'Đã trả lời', open: 'Chưa xử lý',
    overdue: 'Quá hạn', noItems: 'Không có hệ thống nào trong phạm vi bị ảnh hưởng theo danh mục phần mềm.', edit: 'Sửa cảnh báo',
  },
  item: {
    title: 'Xử lý cảnh báo cho hệ thống', answer: 'Trả lời', how: 'Biện pháp đã áp dụng', why: 'Lý do', whyRisk: 'Lý do chấp nhận rủi ro',
    whatPatched: 'Nội dung đã cập nhật (không bắt buộc)', approvedBy: 'Người phê duyệt chấp nhận rủi ro', resolvedOn: 'Ngày xử lý', evidence: 'Minh chứng',
    respondedBy: 'Người trả lời', notified: 'Đã thông báo cho chủ quản lúc', readOnly: 'Chỉ cơ quan chủ quản hệ thống trả lời việc này.',
  },
  items: { mine: 'Việc cần xử lý trong phạm vi', overdueOnly: 'Chỉ việc quá hạn', empty: 'Không có việc nào.' },
  kev: {
    badge: 'Đang bị khai thác', hint: 'Có trong danh mục lỗ hổng đang bị khai thác thực tế (CISA KEV)', title: 'Lỗ hổng đang bị khai thác',
    added: 'đưa vào danh mục KEV ngày {{date}}', due: 'hạn CISA đặt cho cơ quan liên bang Hoa Kỳ: {{date}} (chỉ để tham khảo)',
    ransomware: 'đã được dùng trong chiến dịch mã độc tống tiền',
  },
  feed: {
    provenance: 'Nguồn dữ liệu', fetchedAt: 'nhận lúc {{at}}',
    formats: {
      kev_json: 'Danh mục CISA KEV (JSON)', kev_csv: 'Danh mục CISA KEV (CSV)', nvd_json: 'NVD CVE API 2.0', csaf_json: 'Bản tin CSAF 2.0', osv_json: 'Bản tin OSV',
      khien_csv: 'Danh sách cảnh báo (CSV)', khien_json: 'Danh sách cảnh báo (JSON)',
    },
  },
  facts: {
    system: 'Hệ thống', level: 'Cấp độ', lastScan: 'Lần quét gần nhất', nextScan: 'Hạn quét tiếp theo', scanOverdue: 'Quá hạn rà quét (6 tháng)',
    never: 'Chưa từng quét', lastAssessment: 'Lần đánh giá gần nhất', nextAssessment: 'Hạn đánh giá tiếp theo', assessmentOverdue: 'Quá hạn đánh giá',
    openFindings: 'Lỗ hổng đang mở', monitoring: 'Đơn vị giám sát, bảo vệ', openItems: 'Cảnh báo chưa xử lý', overdueOnly: 'Chỉ hệ thống quá hạn',
    scannedShare: 'Đã rà quét trong 6 tháng', onSchedule: 'Đánh giá đúng hạn', schedule: 'Chu kỳ: cấp độ 1–2 hai năm, cấp độ 3–4 hằng năm, cấp độ 5 sáu tháng ({{source}})',
    scanRule: 'Rà quét lỗ hổng ít nhất 6 tháng một lần ({{source}})', byAgency: 'Lỗ hổng đang mở theo cơ quan',
  },
  scans: {
    title: 'Các lần rà quét', record: 'Ghi nhận lần quét', import: 'Nhập kết quả quét', importHint: 'Báo cáo xuất từ OpenVAS/Greenbone (XML, CSV), Nessus (.nessus, CSV), Tenable.sc, Qualys (CSV, XML), Nuclei, Trivy, OWASP ZAP (XML, JSON), Burp Suite, Nmap (XML); hoặc CSV có cột host, port, cve, severity/cvss, title, solution. Định dạng được nhận biết theo nội dung tệp. Tệp lỗi sẽ không được nhập phần nào.',
    scannedOn: 'Ngày quét', tool: 'Công cụ', scope: 'Phạm vi', performedBy: 'Đơn vị, người thực hiện', hosts: 'Máy chủ đã quét (cách nhau bởi dấu phẩy)',
    reported: 'Phát hiện', opened: 'Mới', closed: 'Đã đóng', source: 'Nguồn', imported: 'Đã nhập: {{created}} lỗ hổng mới, {{seenAgain}} lặp lại, {{closed}} đã khắc phục',
    findings: 'Lỗ hổng', host: 'Máy chủ', port: 'Cổng', firstSeen: 'Phát hiện lần đầu', lastSeen: 'Thấy lần cuối', findingStatus: { open: 'Đang mở', closed: 'Đã đóng' },
    showClosed: 'Hiện cả lỗ hổng đã đóng', noScans: 'Chưa có lần rà quét nào.', noFindings: 'Không có lỗ hổng.',
  },
  assessments: {
    title: 'Đánh giá độc lập', add: 'Ghi nhận đánh giá', assessor: 'Tổ chức đánh giá', assessedOn: 'Ngày đánh giá', scope: 'Phạm vi', result: 'Kết quả', summary: 'Tóm tắt',
    results: { passed: 'Đạt', passed_with_findings: 'Đạt, có tồn tại', failed: 'Không đạt' }, findings: 'Phát hiện', report: 'Báo cáo đánh giá',
    independence: 'Tổ chức đánh giá phải độc lập với đơn vị giám sát, bảo vệ và đơn vị vận hành hệ thống.', addFinding: 'Thêm phát hiện', none: 'Chưa có đánh giá nào.',
    recommendation: 'Khuyến nghị', setMonitoring: 'Cập nhật đơn vị giám sát',
  },
  inspections: {
    title: 'Đợt kiểm tra tuân thủ', add: 'Lập kế hoạch kiểm tra', plan: 'Kế hoạch', decision: 'Quyết định', period: 'Thời gian', startsOn: 'Từ ngày', endsOn: 'Đến ngày',
    status: { planned: 'Kế hoạch', in_progress: 'Đang kiểm tra', completed: 'Đã kết thúc' }, agencies: 'Cơ quan được kiểm tra', inspectedOn: 'Ngày kiểm tra',
    conclusion: 'Kết luận', tasks: 'Nhiệm vụ khắc phục', addTask: 'Giao nhiệm vụ', finding: 'Tồn tại, hạn chế', action: 'Yêu cầu khắc phục', due: 'Thời hạn',
    taskStatus: { open: 'Chưa hoàn thành', done: 'Đã hoàn thành' }, report: 'Báo cáo kết quả', response: 'Kết quả khắc phục', markDone: 'Báo cáo hoàn thành', reopen: 'Mở lại',
    none: 'Chưa có đợt kiểm tra nào.', openTasks: 'Nhiệm vụ chưa xong', overdueTasks: 'Quá hạn', pickAgencies: 'Chọn cơ quan',
  },
};

export const en: typeof vi = {
  title: 'Warnings, scans and assessments',
  tabs: { warnings: 'Warnings', items: 'To do', scans: 'Vulnerability scans', assessments: 'Periodic assessments', inspections: 'Compliance inspections' },
  severity: { critical: 'Critical', high: 'High', medium: 'Medium', low: 'Low' },
  status: { open: 'Open', patched: 'Patched', mitigated: 'Mitigated', not_affected: 'Not affected', accepted_risk: 'Risk accepted' },
  certainty: { in_range: 'version in range', all_versions: 'every version', unknown_version: 'version unknown' },
  list: {
    add: 'Record a warning', import: 'Import from file', importHint: 'The CISA KEV catalog (JSON, CSV), an NVD CVE API 2.0 answer (JSON), a CSAF 2.0 or OSV advisory (JSON), or a warning list in Khiên\'s layout: CSV with one warning a row and a products column "vendor|product|version range" separated by ";", or JSON. The format is recognised from the content. Warnings already recorded (same source and number) are skipped; a file with a bad entry imports nothing.',
    importDone: 'Imported {{created}} warnings from {{format}} ({{items}} affected systems), skipped {{skipped}} already recorded and {{ignored}} naming no product; {{knownExploited}} CVEs recorded as exploited', empty: 'No warnings yet.',
    exploitedOnly: 'Only warnings with an exploited vulnerability',
    progress: 'Remediation progress', affected: 'Affected systems', overdueItems: 'Overdue items in scope', noOverdue: 'Nothing overdue.',
  },
  field: {
    source: 'Issued by', number: 'Number', issuedOn: 'Date', title: 'Title', description: 'Description', cveIds: 'CVE ids',
    cveHint: 'Separated by commas or spaces', severity: 'Severity', recommendedAction: 'Recommended action', deadline: 'Deadline',
    dueOn: 'Due', deadlineHint: 'Blank: by severity (critical 7 days, high 15, medium 30, low 60)',
    products: 'Affected products', vendor: 'Vendor', product: 'Product', versionRange: 'Version range', cpe: 'CPE',
    rangeHint: 'E.g. >=2.4.0 <2.4.58 || 2.2.x; 7.2.0 - 7.2.6; 2012 R2; blank for every version', addProduct: 'Add product',
  },
  detail: {
    back: 'All warnings', matchedAt: 'Inventories matched at', rematch: 'Match inventories again', rematched: 'Matched again: {{count}} newly affected systems',
    byAgency: 'Progress by agency', items: 'Affected systems', matched: 'Matching software', total: 'Systems', answered: 'Answered', open: 'Open',
    overdue: 'Overdue', noItems: 'No system in scope is affected according to the software inventories.', edit: 'Edit warning',
  },
  item: {
    title: 'Remediation for system', answer: 'Answer', how: 'How it was mitigated', why: 'Why', whyRisk: 'Why the risk is accepted',
    whatPatched: 'What was updated (optional)', approvedBy: 'Risk acceptance approved by', resolvedOn: 'Date', evidence: 'Evidence',
    respondedBy: 'Answered by', notified: 'Owner notified at', readOnly: 'Only the system\'s owner agency answers this item.',
  },
  items: { mine: 'Items to handle in scope', overdueOnly: 'Overdue only', empty: 'No items.' },
  kev: {
    badge: 'Known exploited', hint: 'In the catalog of vulnerabilities exploited in the wild (CISA KEV)', title: 'Exploited vulnerabilities',
    added: 'added to the KEV catalog on {{date}}', due: 'CISA\'s due date for US federal agencies: {{date}} (for reference only)',
    ransomware: 'used in ransomware campaigns',
  },
  feed: {
    provenance: 'Source data', fetchedAt: 'received {{at}}',
    formats: {
      kev_json: 'CISA KEV catalog (JSON)', kev_csv: 'CISA KEV catalog (CSV)', nvd_json: 'NVD CVE API 2.0', csaf_json: 'CSAF 2.0 advisory', osv_json: 'OSV advisory',
      khien_csv: 'Warning list (CSV)', khien_json: 'Warning list (JSON)',
    },
  },
  facts: {
    system: 'System', level: 'Level', lastScan: 'Last scan', nextScan: 'Next scan due', scanOverdue: 'Scan overdue (6 months)',
    never: 'Never scanned', lastAssessment: 'Last assessment', nextAssessment: 'Next assessment due', assessmentOverdue: 'Assessment overdue',
    openFindings: 'Open findings', monitoring: 'Monitoring provider', openItems: 'Open warning items', overdueOnly: 'Overdue systems only',
    scannedShare: 'Scanned in 6 months', onSchedule: 'Assessments on schedule', schedule: 'Interval: levels 1–2 every 2 years, 3–4 yearly, 5 every 6 months ({{source}})',
    scanRule: 'Vulnerability scan at least every 6 months ({{source}})', byAgency: 'Open findings by agency',
  },
  scans: {
    title: 'Scans', record: 'Record a scan', import: 'Import scan results', importHint: 'Reports exported by OpenVAS/Greenbone (XML, CSV), Nessus (.nessus, CSV), Tenable.sc, Qualys (CSV, XML), Nuclei, Trivy, OWASP ZAP (XML, JSON), Burp Suite, Nmap (XML); or a CSV with host, port, cve, severity/cvss, title, solution columns. The format is recognised from the content. A bad file imports nothing.',
    scannedOn: 'Scan date', tool: 'Tool', scope: 'Scope', performedBy: 'Performed by', hosts: 'Hosts scanned (comma separated)',
    reported: 'Reported', opened: 'New', closed: 'Closed', source: 'Source', imported: 'Imported: {{created}} new findings, {{seenAgain}} seen again, {{closed}} fixed',
    findings: 'Findings', host: 'Host', port: 'Port', firstSeen: 'First seen', lastSeen: 'Last seen', findingStatus: { open: 'Open', closed: 'Closed' },
    showClosed: 'Show closed findings too', noScans: 'No scans yet.', noFindings: 'No findings.',
  },
  assessments: {
    title: 'Independent assessments', add: 'Record an assessment', assessor: 'Assessor', assessedOn: 'Date', scope: 'Scope', result: 'Result', summary: 'Summary',
    results: { passed: 'Passed', passed_with_findings: 'Passed with findings', failed: 'Failed' }, findings: 'Findings', report: 'Assessment report',
    independence: 'The assessor must be independent of the system\'s monitoring provider and operator.', addFinding: 'Add finding', none: 'No assessments yet.',
    recommendation: 'Recommendation', setMonitoring: 'Change monitoring provider',
  },
  inspections: {
    title: 'Compliance inspection rounds', add: 'Plan an inspection', plan: 'Plan', decision: 'Decision', period: 'Period', startsOn: 'From', endsOn: 'To',
    status: { planned: 'Planned', in_progress: 'In progress', completed: 'Completed' }, agencies: 'Inspected agencies', inspectedOn: 'Inspected on',
    conclusion: 'Conclusion', tasks: 'Remediation tasks', addTask: 'Assign a task', finding: 'Finding', action: 'Required action', due: 'Due',
    taskStatus: { open: 'Open', done: 'Done' }, report: 'Report result', response: 'What was done', markDone: 'Report done', reopen: 'Reopen',
    none: 'No inspection rounds yet.', openTasks: 'Open tasks', overdueTasks: 'Overdue', pickAgencies: 'Choose agencies',
  },
};
