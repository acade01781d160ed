/** The warning feeds Khiên reads, as named to the people importing them; a warning keeps the one it came from. */
export const FEED_FORMATS = ['kev_json', 'kev_csv', 'nvd_json', 'csaf_json', 'osv_json', 'misp_json', 'khien_csv', 'khien_json'] as const;
export type FeedFormat = (typeof FEED_FORMATS)[number];

export const FEED_FORMAT_LABELS: Record<FeedFormat, { en: string; vi: string }> = {
  kev_json: { en: 'CISA KEV catalog (JSON)', vi: 'Danh mục CISA KEV (JSON)' },
  kev_csv: { en: 'CISA KEV catalog (CSV)', vi: 'Danh mục CISA KEV (CSV)' },
  nvd_json: { en: 'NVD CVE API 2.0 (JSON)', vi: 'NVD CVE API 2.0 (JSON)' },
  csaf_json: { en: 'CSAF 2.0 advisory (JSON)', vi: 'Bản tin CSAF 2.0 (JSON)' },
  osv_json: { en: 'OSV advisory (JSON)', vi: 'Bản tin OSV (JSON)' },
  misp_json: { en: 'MISP events or feed (JSON)', vi: 'Sự kiện hoặc nguồn MISP (JSON)' },
  khien_csv: { en: 'Khiên warning list (CSV)', vi: 'Danh sách cảnh báo theo mẫu Khiên (CSV)' },
  khien_json: { en: 'Khiên warning list (JSON)', vi: 'Danh sách cảnh báo theo mẫu Khiên (JSON)' },
};
