import { Route, Routes } from 'react-router-dom';
import { Placeholder } from '../../components/ui.tsx';

/** The directives screens: this module owns every path under its prefix. */
export function DirectivesRoutes() {
  return (
    <Routes>
      <Route path="*" element={<Placeholder />} />
    </Routes>
  );
}
