import { Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Route, Routes } from 'react-router-dom';
import { SubNav } from './ui.tsx';
import { WarningsPage } from './WarningsPage.tsx';
import { WarningPage } from './WarningPage.tsx';
import { ItemsPage } from './ItemsPage.tsx';
import { FindingsPage } from './FindingsPage.tsx';
import { OverdueFindingsPage } from './OverdueFindingsPage.tsx';
import { SecurityFactsPage } from './SecurityFactsPage.tsx';
import { SystemSecurityPage } from './SystemSecurityPage.tsx';
import { InspectionsPage } from './InspectionsPage.tsx';
import { InspectionPage } from './InspectionPage.tsx';
import { FeedSourcesPage } from './FeedSourcesPage.tsx';

/** The warnings screens: warnings and their items, scans, assessments and inspection rounds under /warnings. */
export function WarningsRoutes() {
  const { t } = useTranslation();
  return (
    <Stack gap={0}>
      <Title order={2} mb="xs">
        {t('warnings.title')}
      </Title>
      <SubNav />
      <Routes>
        <Route index element={<WarningsPage />} />
        <Route path="items" element={<ItemsPage />} />
        <Route path="findings" element={<FindingsPage />} />
        <Route path="findings/overdue" element={<OverdueFindingsPage />} />
        <Route path="scans" element={<SecurityFactsPage focus="scans" />} />
        <Route path="assessments" element={<SecurityFactsPage focus="assessments" />} />
        <Route path="systems/:id" element={<SystemSecurityPage />} />
        <Route path="inspections" element={<InspectionsPage />} />
        <Route path="inspections/:id" element={<InspectionPage />} />
        <Route path="feeds" element={<FeedSourcesPage />} />
        <Route path=":id" element={<WarningPage />} />
      </Routes>
    </Stack>
  );
}
