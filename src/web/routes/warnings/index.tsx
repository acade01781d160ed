import { Route, Routes } from 'react-router-dom';
import { Placeholder } from '../../components/ui.tsx';

/** The warnings screens: this module owns every path under its prefix. */
export function WarningsRoutes() {
  return (
    <Routes>
      <Route path="*" element={<Placeholder />} />
    </Routes>
  );
}
