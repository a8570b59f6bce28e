import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { useLang } from './i18n';
import { SessionProvider } from './session';
import './styles.css';

/** The app, rendered again from scratch when the language changes (every text and format follows it). */
function LanguageRoot() {
  const lang = useLang();
  return <App key={lang} />;
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <SessionProvider>
      <LanguageRoot />
    </SessionProvider>
  </StrictMode>,
);
