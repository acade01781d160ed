/** The scanner report formats Khiên reads, as named to the people importing them. */
export const SCAN_FORMATS = [
  'openvas',
  'openvas_csv',
  'nessus',
  'nessus_csv',
  'tenable_sc_csv',
  'qualys_csv',
  'qualys_xml',
  'nuclei',
  'trivy',
  'zap',
  'zap_json',
  'burp',
  'nmap',
  'csv',
] as const;
export type ScanFormat = (typeof SCAN_FORMATS)[number];

export const SCAN_FORMAT_LABELS: Record<ScanFormat, string> = {
  openvas: 'OpenVAS / Greenbone XML',
  openvas_csv: 'Greenbone CSV Results',
  nessus: 'Nessus (.nessus)',
  nessus_csv: 'Nessus CSV',
  tenable_sc_csv: 'Tenable.sc CSV',
  qualys_csv: 'Qualys CSV',
  qualys_xml: 'Qualys XML',
  nuclei: 'Nuclei JSON/JSONL',
  trivy: 'Trivy JSON',
  zap: 'OWASP ZAP XML',
  zap_json: 'OWASP ZAP JSON',
  burp: 'Burp Suite XML',
  nmap: 'Nmap XML',
  csv: 'CSV (host, port, CVE, severity…)',
};
