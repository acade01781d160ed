import type { ReactNode } from 'react';
import { AppShell, Burger, Button, Group, Menu, NavLink, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router-dom';
import {
  IconAlertTriangle,
  IconBuilding,
  IconCalendarStats,
  IconChecklist,
  IconFileCertificate,
  IconFileReport,
  IconGauge,
  IconLogout,
  IconPlugConnected,
  IconRadar,
  IconServer,
  IconSettings,
  IconShieldCheck,
  IconUrgent,
  IconUsb,
  IconAntenna,
  IconUser,
} from '@tabler/icons-react';
import { client, data, resetCsrf } from '../api/client.ts';
import { useMe } from '../auth.ts';
import { setLocale, type Locale } from '../i18n/index.ts';
import { notifyError } from './ui.tsx';
import { NotificationBell } from './NotificationBell.tsx';

export function Shell({ children }: { children: ReactNode }) {
  const { t, i18n } = useTranslation();
  const me = useMe().data!;
  const [opened, { toggle }] = useDisclosure();
  const location = useLocation();
  const navigate = useNavigate();
  const qc = useQueryClient();

  const items = [
    { to: '/', label: t('nav.overview'), icon: IconGauge },
    { to: '/agencies', label: t('nav.agencies'), icon: IconBuilding },
    { to: '/systems', label: t('nav.systems'), icon: IconServer },
    // The queue holds what awaits the caller's part in a dossier: none for those who take no part.
    ...(me.can['dossiers.edit'] || me.can['dossiers.actAsUnit'] || me.can['dossiers.approve']
      ? [{ to: '/approvals', label: t('nav.approvals'), icon: IconFileCertificate }]
      : []),
    { to: '/incidents', label: t('nav.incidents'), icon: IconUrgent },
    { to: '/hunts', label: t('hunts.nav'), icon: IconRadar },
    { to: '/warnings', label: t('nav.warnings'), icon: IconAlertTriangle },
    { to: '/tasks', label: t('nav.tasks'), icon: IconChecklist },
    { to: '/reports', label: t('nav.reports'), icon: IconFileReport },
    { to: '/yearly-report', label: t('yearly.nav'), icon: IconCalendarStats },
    { to: '/indicators/soc', label: t('soc.list'), icon: IconPlugConnected },
    { to: '/signature-tokens', label: t('signatures.nav'), icon: IconUsb },
    { to: '/operators', label: t('operators.nav'), icon: IconAntenna },
    ...(me.can['audit.read'] || me.can['users.manage'] ? [{ to: '/admin', label: t('nav.admin'), icon: IconSettings }] : []),
  ];
  const active = (to: string) => (to === '/' ? location.pathname === '/' : location.pathname.startsWith(to));

  async function toggleLanguage() {
    const next: Locale = i18n.language === 'vi' ? 'en' : 'vi';
    setLocale(next);
    try {
      await data(client.PUT('/api/auth/locale', { body: { locale: next } }));
      qc.setQueryData(['me'], { ...me, locale: next });
    } catch (e) {
      notifyError(e);
    }
  }

  async function logout() {
    await client.POST('/api/auth/logout').catch(() => {});
    resetCsrf();
    qc.clear();
    qc.setQueryData(['me'], null);
    await navigate('/');
  }

  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 250, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between">
          <Group gap="xs">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" />
            <IconShieldCheck color="var(--mantine-color-red-7)" />
            <Title order={4}>{t('app.name')}</Title>
            <Text size="sm" c="dimmed" visibleFrom="md">
              {t('app.tagline')}
            </Text>
          </Group>
          <Group gap="xs">
            {!me.mustChangePassword && !me.signInStep && <NotificationBell />}
            <Button variant="subtle" size="xs" data-testid="lang-toggle" onClick={toggleLanguage}>
              {i18n.language === 'vi' ? 'English' : 'Tiếng Việt'}
            </Button>
            <Menu position="bottom-end">
              <Menu.Target>
                <Button variant="light" size="xs" leftSection={<IconUser size={14} />} data-testid="user-menu">
                  {me.fullName}
                </Button>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Label>{me.agencyName}</Menu.Label>
                <Menu.Item component={Link} to="/account" leftSection={<IconUser size={14} />}>
                  {t('nav.account')}
                </Menu.Item>
                <Menu.Item onClick={logout} leftSection={<IconLogout size={14} />} data-testid="logout">
                  {t('nav.logout')}
                </Menu.Item>
              </Menu.Dropdown>
            </Menu>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" component="nav">
        {items.map(({ to, label, icon: Icon }) => (
          <NavLink key={to} component={Link} to={to} label={label} active={active(to)} leftSection={<Icon size={18} />} data-testid={`nav-${to}`} />
        ))}
      </AppShell.Navbar>
      <AppShell.Main>{children}</AppShell.Main>
    </AppShell>
  );
}
