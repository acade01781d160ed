/**
 * Matching on real NVD configurations: each case is an inventory entry as an agency would type it, against the
 * vulnerable CPE match criteria NVD publishes for a CVE, with the answer NVD's semantics give. The criteria of the
 * CVEs in the NVD sample are read from it; the others are transcribed from the NVD records (fkie-cad/nvd-json-data-feeds),
 * a subset where a CVE lists many products (noted).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { matchSoftware, productFromCpeMatch, type CpeMatch, type SoftwareItem } from './matching.ts';

type NvdSample = { vulnerabilities: { cve: { id: string; configurations: { nodes: { cpeMatch: CpeMatch[] }[] }[] } }[] };
const sample = JSON.parse(readFileSync('tests/fixtures/samples/feeds/nvd-cve-api-2.0-sample.json', 'utf8')) as NvdSample;

const m = (criteria: string, bounds: Omit<CpeMatch, 'criteria'> = {}): CpeMatch => ({ criteria, vulnerable: true, ...bounds });
const range = (criteria: string, from: string | null, below: string) =>
  m(criteria, { ...(from ? { versionStartIncluding: from } : {}), versionEndExcluding: below });

const CRITERIA: Record<string, CpeMatch[]> = {
  ...Object.fromEntries(sample.vulnerabilities.map(({ cve }) => [cve.id, cve.configurations.flatMap((c) => c.nodes.flatMap((n) => n.cpeMatch))])),
  // Apache Log4j entries only (the record also lists Siemens and other vendors' products).
  'CVE-2021-44228': [
    range('cpe:2.3:a:apache:log4j:*:*:*:*:*:*:*:*', '2.0.1', '2.3.1'),
    range('cpe:2.3:a:apache:log4j:*:*:*:*:*:*:*:*', '2.4.0', '2.12.2'),
    range('cpe:2.3:a:apache:log4j:*:*:*:*:*:*:*:*', '2.13.0', '2.15.0'),
    m('cpe:2.3:a:apache:log4j:2.0:-:*:*:*:*:*:*'),
    m('cpe:2.3:a:apache:log4j:2.0:beta9:*:*:*:*:*:*'),
    m('cpe:2.3:a:apache:log4j:2.0:rc1:*:*:*:*:*:*'),
    m('cpe:2.3:a:apache:log4j:2.0:rc2:*:*:*:*:*:*'),
  ],
  // Cisco IOS XE entries only (the record also lists Rockwell Stratix firmware).
  'CVE-2023-20198': [
    range('cpe:2.3:o:cisco:ios_xe:*:*:*:*:*:*:*:*', '16.12', '16.12.10a'),
    range('cpe:2.3:o:cisco:ios_xe:*:*:*:*:*:*:*:*', '17.3', '17.3.8a'),
    range('cpe:2.3:o:cisco:ios_xe:*:*:*:*:*:*:*:*', '17.6', '17.6.6a'),
    range('cpe:2.3:o:cisco:ios_xe:*:*:*:*:*:*:*:*', '17.9', '17.9.4a'),
  ],
  // A subset of the 42 vCenter Server entries.
  'CVE-2021-21972': [
    ...['6.5:update3k', '6.7:-', '6.7:update3g', '6.7:update3j', '7.0:-', '7.0:a', '7.0:update1', '7.0:update1a'].map((v) =>
      m(`cpe:2.3:a:vmware:vcenter_server:${v}:*:*:*:*:*:*`),
    ),
    range('cpe:2.3:a:vmware:cloud_foundation:*:*:*:*:*:*:*:*', '4.0', '4.2'),
  ],
  'CVE-2020-14882': ['10.3.6.0.0', '12.1.3.0.0', '12.2.1.3.0', '12.2.1.4.0', '14.1.1.0.0'].map((v) => m(`cpe:2.3:a:oracle:weblogic_server:${v}:*:*:*:*:*:*:*`)),
  'CVE-2020-0688': [
    '2010:sp3_rollup_30',
    '2013:cumulative_update_23',
    '2016:cumulative_update_14',
    '2016:cumulative_update_15',
    '2019:cumulative_update_3',
    '2019:cumulative_update_4',
  ].map((v) => m(`cpe:2.3:a:microsoft:exchange_server:${v}:*:*:*:*:*:*`)),
  // Microsoft entries only (the record also lists Siemens devices).
  'CVE-2019-0708': [
    m('cpe:2.3:o:microsoft:windows_7:-:sp1:*:*:*:*:*:*'),
    m('cpe:2.3:o:microsoft:windows_server_2008:-:sp2:*:*:*:*:*:*'),
    m('cpe:2.3:o:microsoft:windows_server_2008:r2:sp1:*:*:*:*:*:*'),
  ],
  'CVE-2019-19781': [
    ...['10.5', '11.1', '12.0', '12.1', '13.0'].map((v) => m(`cpe:2.3:o:citrix:application_delivery_controller_firmware:${v}:*:*:*:*:*:*:*`)),
    ...['10.5', '11.1', '12.0', '12.1'].map((v) => m(`cpe:2.3:o:citrix:netscaler_gateway_firmware:${v}:*:*:*:*:*:*:*`)),
    m('cpe:2.3:o:citrix:gateway_firmware:13.0:*:*:*:*:*:*:*'),
  ],
  'CVE-2023-23752': [range('cpe:2.3:a:joomla:joomla\\!:*:*:*:*:*:*:*:*', '4.0.0', '4.2.8')],
  'CVE-2020-7961': [range('cpe:2.3:a:liferay:liferay_portal:*:*:*:*:community:*:*:*', null, '7.2.1')],
  'CVE-2022-41040': [
    '2013:cumulative_update_23',
    '2016:cumulative_update_22',
    '2016:cumulative_update_23',
    '2019:cumulative_update_11',
    '2019:cumulative_update_12',
  ].map((v) => m(`cpe:2.3:a:microsoft:exchange_server:${v}:*:*:*:*:*:*`)),
  'CVE-2024-0012': [
    range('cpe:2.3:o:paloaltonetworks:pan-os:*:*:*:*:*:*:*:*', '10.2.0', '10.2.12'),
    range('cpe:2.3:o:paloaltonetworks:pan-os:*:*:*:*:*:*:*:*', '11.0.0', '11.0.6'),
    range('cpe:2.3:o:paloaltonetworks:pan-os:*:*:*:*:*:*:*:*', '11.1.0', '11.1.5'),
    range('cpe:2.3:o:paloaltonetworks:pan-os:*:*:*:*:*:*:*:*', '11.2.0', '11.2.4'),
    ...['10.2.12:-', '10.2.12:h1', '11.0.6:-', '11.1.5:-', '11.2.4:-'].map((v) => m(`cpe:2.3:o:paloaltonetworks:pan-os:${v}:*:*:*:*:*:*`)),
  ],
  'CVE-2023-3519': [
    range('cpe:2.3:a:citrix:netscaler_application_delivery_controller:*:*:*:*:fips:*:*:*', '12.1', '12.1-55.297'),
    range('cpe:2.3:a:citrix:netscaler_application_delivery_controller:*:*:*:*:ndcpp:*:*:*', '12.1', '12.1-55.297'),
    range('cpe:2.3:a:citrix:netscaler_application_delivery_controller:*:*:*:*:-:*:*:*', '13.0', '13.0-91.13'),
    range('cpe:2.3:a:citrix:netscaler_application_delivery_controller:*:*:*:*:fips:*:*:*', '13.1', '13.1-37.159'),
    range('cpe:2.3:a:citrix:netscaler_application_delivery_controller:*:*:*:*:-:*:*:*', '13.1', '13.1-49.13'),
    range('cpe:2.3:a:citrix:netscaler_gateway:*:*:*:*:*:*:*:*', '13.0', '13.0-91.13'),
    range('cpe:2.3:a:citrix:netscaler_gateway:*:*:*:*:*:*:*:*', '13.1', '13.1-49.13'),
  ],
  // A subset of the 37 Pulse Connect Secure entries.
  'CVE-2019-11510': ['8.2:r1.0', '8.2:r12.0', '8.3:r7', '9.0:r3', '9.0:r3.1', '9.0:r3.2', '9.0:r3.3'].map((v) =>
    m(`cpe:2.3:a:ivanti:connect_secure:${v}:*:*:*:*:*:*`),
  ),
  // The nginx entry (the record also lists OpenResty, Fedora, NetApp and Oracle products).
  'CVE-2021-23017': [range('cpe:2.3:a:f5:nginx:*:*:*:*:*:*:*:*', '0.6.18', '1.20.1')],
  'CVE-2022-0332': [range('cpe:2.3:a:moodle:moodle:*:*:*:*:*:*:*:*', '3.11.0', '3.11.5')],
  'CVE-2025-0282': [
    ...['r2', 'r2.1', 'r2.2', 'r2.3', 'r2.4'].map((u) => m(`cpe:2.3:a:ivanti:connect_secure:22.7:${u}:*:*:*:*:*:*`)),
    ...['r1', 'r1.1', 'r1.2'].map((u) => m(`cpe:2.3:a:ivanti:policy_secure:22.7:${u}:*:*:*:*:*:*`)),
  ],
  // The Tomcat entries (the record also lists Geode, Fedora, Debian, Oracle and other products).
  'CVE-2020-1938': [
    range('cpe:2.3:a:apache:tomcat:*:*:*:*:*:*:*:*', '7.0.0', '7.0.100'),
    range('cpe:2.3:a:apache:tomcat:*:*:*:*:*:*:*:*', '8.5.0', '8.5.51'),
    range('cpe:2.3:a:apache:tomcat:*:*:*:*:*:*:*:*', '9.0.0', '9.0.31'),
  ],
  // Three of the 22 WordPress branches.
  'CVE-2022-21661': [
    range('cpe:2.3:a:wordpress:wordpress:*:*:*:*:*:*:*:*', '4.9', '4.9.19'),
    range('cpe:2.3:a:wordpress:wordpress:*:*:*:*:*:*:*:*', '5.7', '5.7.5'),
    range('cpe:2.3:a:wordpress:wordpress:*:*:*:*:*:*:*:*', '5.8', '5.8.3'),
  ],
  // Three of the seven ASA branches and the FTD 6.6 branch.
  'CVE-2020-3452': [
    range('cpe:2.3:o:cisco:adaptive_security_appliance_software:*:*:*:*:*:*:*:*', '9.6', '9.6.4.42'),
    range('cpe:2.3:o:cisco:adaptive_security_appliance_software:*:*:*:*:*:*:*:*', '9.8', '9.8.4.20'),
    range('cpe:2.3:o:cisco:adaptive_security_appliance_software:*:*:*:*:*:*:*:*', '9.14', '9.14.1.10'),
    range('cpe:2.3:a:cisco:firepower_threat_defense:*:*:*:*:*:*:*:*', '6.6.0', '6.6.0.1'),
  ],
};

type Expected = 'in_range' | 'unknown_version' | null;
const sw = (vendor: string | null, product: string, version: string | null, cpe?: string): SoftwareItem => ({ vendor, product, version, cpe: cpe ?? null });

const CASES: [cve: string, entry: SoftwareItem, expected: Expected][] = [
  ['CVE-2021-41773', sw('Apache Software Foundation', 'Apache HTTP Server', '2.4.49'), 'in_range'],
  ['CVE-2021-41773', sw(null, 'apache2', '2.4.49-1ubuntu3'), 'in_range'],
  ['CVE-2021-41773', sw(null, 'httpd', '2.4.50'), null],
  ['CVE-2021-41773', sw('Apache', 'HTTP Server', null), 'unknown_version'],
  ['CVE-2024-21762', sw('Fortinet', 'FortiGate', 'v7.2.5,build1517,230606 (GA.F)'), 'in_range'],
  ['CVE-2024-21762', sw('Fortinet', 'FortiOS', '7.2.7'), null],
  ['CVE-2024-21762', sw('Fortinet', 'FortiOS', '6.0.17'), 'in_range'],
  ['CVE-2024-21762', sw('Fortinet', 'FortiProxy', '7.0.14'), 'in_range'],
  ['CVE-2024-21762', sw('Fortinet', 'FortiProxy', '7.4.3'), null],
  ['CVE-2023-4966', sw('Citrix', 'NetScaler ADC', '13.1 Build 48.47'), 'in_range'],
  ['CVE-2023-4966', sw('Citrix', 'Citrix ADC', '13.1-49.15'), null],
  ['CVE-2023-4966', sw('Citrix', 'NetScaler', 'NS14.1: Build 4.42.nc'), 'in_range'],
  [
    'CVE-2023-4966',
    sw('Citrix', 'NetScaler ADC', '13.1-48.47', 'cpe:2.3:a:citrix:netscaler_application_delivery_controller:13.1-48.47:*:*:*:fips:*:*:*'),
    null,
  ],
  ['CVE-2023-4966', sw('Citrix', 'NetScaler ADC', null, 'cpe:2.3:a:citrix:netscaler_application_delivery_controller:13.1-48.47:*:*:*:-:*:*:*'), 'in_range'],
  ['CVE-2023-4966', sw('Cloud Software Group', 'NetScaler Gateway', '13.0 Build 92.18'), 'in_range'],
  ['CVE-2021-26855', sw('Microsoft', 'Exchange Server', '2016 CU19'), 'in_range'],
  ['CVE-2021-26855', sw('Microsoft', 'Exchange', '2016 CU21'), null],
  ['CVE-2021-26855', sw('Microsoft', 'Exchange Server', '2019'), 'in_range'],
  ['CVE-2021-26855', sw(null, 'Microsoft Exchange Server 2016', null), 'unknown_version'],
  ['CVE-2021-26855', sw('Microsoft', 'Exchange Server', '2013 CU23'), 'in_range'],
  ['CVE-2021-26855', sw('Microsoft', 'Exchange Server', '2010 SP3'), null],
  ['CVE-2023-46805', sw('Ivanti', 'Connect Secure', '22.6R2'), 'in_range'],
  ['CVE-2023-46805', sw('Pulse Secure', 'Pulse Connect Secure', '9.1R11.4'), 'in_range'],
  ['CVE-2023-46805', sw('Ivanti', 'Connect Secure', '22.6R2.1'), null],
  ['CVE-2023-46805', sw('Ivanti', 'Connect Secure', '22.2'), 'in_range'],
  ['CVE-2023-46805', sw('Ivanti', 'Connect Secure', '22.7R1'), null],
  ['CVE-2022-0778', sw('OpenSSL', 'OpenSSL', '1.1.1k'), 'in_range'],
  ['CVE-2022-0778', sw('OpenSSL Project', 'OpenSSL', '1.1.1n'), null],
  ['CVE-2022-0778', sw(null, 'openssl', '1.1.1f-1ubuntu2.16'), 'in_range'],
  ['CVE-2022-0778', sw('OpenSSL', 'OpenSSL', '3.0.2'), null],
  ['CVE-2022-0778', sw('Node.js', 'Node.js', '14.17.0'), 'in_range'],
  ['CVE-2022-0778', sw('Node.js', 'Node.js', '14.0.0'), null],
  ['CVE-2022-0778', sw('OpenJS Foundation', 'nodejs', '14.19.1'), null],
  ['CVE-2023-28121', sw('WooCommerce', 'WooCommerce Payments', '5.6.1'), 'in_range'],
  ['CVE-2023-28121', sw('WooCommerce', 'WooCommerce Payments', '5.6.2'), null],
  ['CVE-2023-28121', sw('Automattic', 'WooCommerce Payments', '4.9.0'), 'in_range'],
  ['CVE-2023-28121', sw('WooCommerce', 'WooCommerce', '5.6.1'), null],
  ['CVE-2021-44228', sw('Apache', 'Log4j', '2.14.1'), 'in_range'],
  ['CVE-2021-44228', sw(null, 'log4j-core', '2.12.2'), null],
  ['CVE-2021-44228', sw('Apache', 'Log4j', '2.0-rc1'), 'in_range'],
  ['CVE-2021-44228', sw('Apache', 'Log4j2', '2.15.0'), null],
  ['CVE-2023-20198', sw('Cisco', 'IOS XE', '17.3.8'), 'in_range'],
  ['CVE-2023-20198', sw('Cisco', 'IOS XE', '17.3.8a'), null],
  ['CVE-2023-20198', sw('Cisco', 'IOS XE Software', '17.09.04'), 'in_range'],
  ['CVE-2021-21972', sw('VMware', 'vCenter Server', '6.7 U3j'), 'in_range'],
  ['CVE-2021-21972', sw('VMware', 'vCenter Server', '6.7 U3l'), null],
  ['CVE-2021-21972', sw('VMware', 'vCenter Server', '7.0 Update 1a'), 'in_range'],
  ['CVE-2021-21972', sw('VMware', 'vCenter', '7.0 U1c'), null],
  ['CVE-2021-21972', sw('Broadcom', 'vCenter Server', '7.0'), 'in_range'],
  ['CVE-2020-14882', sw('Oracle', 'WebLogic Server', '12.2.1.4.0'), 'in_range'],
  ['CVE-2020-14882', sw('Oracle', 'WebLogic', '12.2.1.4'), 'in_range'],
  ['CVE-2020-14882', sw('Oracle', 'WebLogic Server', '12.2.1.2.0'), null],
  ['CVE-2020-0688', sw('Microsoft', 'Exchange Server', '2010 SP3 RU30'), 'in_range'],
  ['CVE-2020-0688', sw('Microsoft', 'Exchange Server', '2010 SP3 Update Rollup 29'), null],
  ['CVE-2020-0688', sw('Microsoft', 'Exchange Server', '2016 CU16'), null],
  ['CVE-2019-0708', sw('Microsoft', 'Windows Server', '2008 R2 SP1'), 'in_range'],
  ['CVE-2019-0708', sw('Microsoft', 'Windows 7', 'SP1'), 'in_range'],
  ['CVE-2019-0708', sw('Microsoft', 'Windows Server 2008', 'SP2'), 'in_range'],
  ['CVE-2019-0708', sw('Microsoft', 'Windows Server', '2008 R2'), 'unknown_version'],
  ['CVE-2019-0708', sw('Microsoft', 'Windows Server', '2012 R2'), null],
  ['CVE-2019-19781', sw('Citrix', 'Citrix ADC', '13.0 Build 47.22'), 'in_range'],
  ['CVE-2019-19781', sw('Citrix', 'NetScaler Gateway', '12.1 Build 55.18'), 'in_range'],
  ['CVE-2019-19781', sw('Citrix', 'Citrix ADC', '13.1 Build 12.51'), null],
  ['CVE-2023-23752', sw(null, 'Joomla!', '4.2.7'), 'in_range'],
  ['CVE-2023-23752', sw('Open Source Matters', 'Joomla', '4.2.8'), null],
  ['CVE-2023-23752', sw(null, 'Joomla CMS', '3.10.11'), null],
  ['CVE-2020-7961', sw('Liferay', 'Liferay Portal', '7.2.0 CE GA1'), 'in_range'],
  ['CVE-2020-7961', sw('Liferay', 'Liferay Portal', '7.2.1 CE GA2'), null],
  ['CVE-2022-41040', sw('Microsoft', 'Exchange Server', '2016 CU23'), 'in_range'],
  ['CVE-2022-41040', sw('Microsoft', 'Exchange Server', '2016 CU21'), null],
  ['CVE-2022-41040', sw('Microsoft', 'Exchange Server', '2019 CU12'), 'in_range'],
  ['CVE-2024-0012', sw('Palo Alto Networks', 'PAN-OS', '10.2.11-h3'), 'in_range'],
  ['CVE-2024-0012', sw('Palo Alto Networks', 'PAN-OS', '10.2.12-h1'), 'in_range'],
  ['CVE-2024-0012', sw('Palo Alto Networks', 'PAN-OS', '10.2.12-h2'), null],
  ['CVE-2024-0012', sw('Palo Alto Networks', 'PAN-OS', '11.2.4'), 'in_range'],
  ['CVE-2024-0012', sw('Palo Alto Networks', 'PAN-OS', '11.2.4-h1'), null],
  ['CVE-2023-3519', sw('Citrix', 'NetScaler ADC', '13.1 Build 49.12'), 'in_range'],
  ['CVE-2023-3519', sw('Citrix', 'NetScaler ADC', '13.1-49.13'), null],
  ['CVE-2023-3519', sw('Citrix', 'Citrix Gateway', '13.0-90.7'), 'in_range'],
  ['CVE-2019-11510', sw('Pulse Secure', 'Pulse Connect Secure', '9.0R3.3'), 'in_range'],
  ['CVE-2019-11510', sw('Pulse Secure', 'Pulse Connect Secure', '9.0R3.4'), null],
  ['CVE-2019-11510', sw('Pulse Secure', 'Pulse Connect Secure', '8.2R1'), 'in_range'],
  ['CVE-2021-23017', sw('nginx', 'nginx', '1.20.0'), 'in_range'],
  ['CVE-2021-23017', sw(null, 'nginx', '1.18.0-6ubuntu14.4'), 'in_range'],
  ['CVE-2021-23017', sw('F5', 'NGINX Open Source', '1.20.1'), null],
  ['CVE-2021-23017', sw('Microsoft', 'nginx', '1.20.0'), null],
  ['CVE-2022-0332', sw('Moodle', 'Moodle', '3.11.4'), 'in_range'],
  ['CVE-2022-0332', sw('Moodle Pty Ltd', 'Moodle LMS', '3.11.5'), null],
  ['CVE-2025-0282', sw('Ivanti', 'Connect Secure', '22.7R2.4'), 'in_range'],
  ['CVE-2025-0282', sw('Ivanti', 'Connect Secure', '22.7R2.5'), null],
  ['CVE-2025-0282', sw('Ivanti', 'Policy Secure', '22.7R1.2'), 'in_range'],
  ['CVE-2020-1938', sw('Apache', 'Tomcat', '9.0.30'), 'in_range'],
  ['CVE-2020-1938', sw('Apache', 'Apache Tomcat', '9.0.31'), null],
  ['CVE-2020-1938', sw('Apache', 'Tomcat 8', '8.5.50'), 'in_range'],
  ['CVE-2022-21661', sw('WordPress', 'WordPress', '5.8.2'), 'in_range'],
  ['CVE-2022-21661', sw('WordPress.org', 'WordPress', '5.8.3'), null],
  ['CVE-2022-21661', sw(null, 'WordPress', '4.9.18'), 'in_range'],
  ['CVE-2020-3452', sw('Cisco', 'ASA', '9.8(4)15'), 'in_range'],
  ['CVE-2020-3452', sw('Cisco', 'Adaptive Security Appliance Software', '9.8(4)20'), null],
  ['CVE-2020-3452', sw('Cisco', 'Firepower Threat Defense', '6.6.0'), 'in_range'],
];

describe('matching inventory entries against real NVD configurations', () => {
  it('has the CVEs every case names', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(60);
    for (const [cve] of CASES) expect(CRITERIA[cve]?.length, cve).toBeGreaterThan(0);
  });

  it.each(
    CASES.map(
      ([cve, entry, expected]) => [cve, `${entry.vendor ?? '—'} ${entry.product} ${entry.version ?? entry.cpe ?? '(no version)'}`, entry, expected] as const,
    ),
  )('%s: %s', (cve, _label, entry, expected) => {
    const products = CRITERIA[cve]!.map(productFromCpeMatch).filter((p) => p !== null);
    expect(products.length).toBe(CRITERIA[cve]!.length);
    expect(matchSoftware(products, entry)?.certainty ?? null).toBe(expected);
  });
});
