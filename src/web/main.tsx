import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import './i18n/index.ts';
import { StrictMode, useMemo, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { createTheme, MantineProvider, PasswordInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Notifications } from '@mantine/notifications';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { BrowserRouter } from 'react-router-dom';
import { ApiError } from './api/client.ts';
import { App } from './App.tsx';

const base = { primaryColor: 'red', fontFamily: 'system-ui, "Segoe UI", Roboto, "Noto Sans", Arial, sans-serif', defaultRadius: 'sm' } as const;

/** Mantine in the user's language: the labels its components write themselves follow the language switch. */
function Themed({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const theme = useMemo(
    () =>
      createTheme({
        ...base,
        components: {
          PasswordInput: PasswordInput.extend({ defaultProps: { visibilityToggleButtonProps: { 'aria-label': t('common.togglePassword') } } }),
        },
      }),
    // `t` changes with the language.
    [t],
  );
  return <MantineProvider theme={theme}>{children}</MantineProvider>;
}

const queryClient = new QueryClient({
  defaultOptions: {
    // 4xx answers are final: retrying a 404 or 403 only delays the message.
    queries: { retry: (n, e) => !(e instanceof ApiError && e.status < 500) && n < 2, refetchOnWindowFocus: false, staleTime: 10_000 },
  },
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Themed>
      <Notifications position="top-right" />
      <QueryClientProvider client={queryClient}>
        <BrowserRouter>
          <App />
        </BrowserRouter>
      </QueryClientProvider>
    </Themed>
  </StrictMode>,
);
