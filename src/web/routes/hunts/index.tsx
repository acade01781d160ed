import { Stack, Tabs } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Route, Routes, useLocation, useNavigate } from 'react-router-dom';
import { HuntsListPage } from './HuntsListPage.tsx';
import { HuntPage } from './HuntPage.tsx';
import { HuntFormPage } from './HuntForm.tsx';
import { HuntQuartersPage } from './HuntQuartersPage.tsx';

/** The threat hunting screens (Vĩnh Phúc 1.đ; Quảng Nam 15/CT-UBND): this module owns every path under /hunts. */
export function HuntsRoutes() {
  const { t } = useTranslation();
  const location = useLocation();
  const navigate = useNavigate();
  const current = location.pathname.startsWith('/hunts/quarters') ? '/hunts/quarters' : '/hunts';
  return (
    <Stack>
      <Tabs value={current} onChange={(v) => v && navigate(v)}>
        <Tabs.List>
          <Tabs.Tab value="/hunts" data-testid="hunts-nav-list">
            {t('hunts.tabs.list')}
          </Tabs.Tab>
          <Tabs.Tab value="/hunts/quarters" data-testid="hunts-nav-quarters">
            {t('hunts.tabs.quarters')}
          </Tabs.Tab>
        </Tabs.List>
      </Tabs>
      <Routes>
        <Route index element={<HuntsListPage />} />
        <Route path="new" element={<HuntFormPage />} />
        <Route path="quarters" element={<HuntQuartersPage />} />
        <Route path=":id" element={<HuntPage />} />
        <Route path=":id/edit" element={<HuntFormPage />} />
      </Routes>
    </Stack>
  );
}
