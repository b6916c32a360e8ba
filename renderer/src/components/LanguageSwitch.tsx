import TranslateIcon from '@mui/icons-material/Translate';
import Button from '@mui/material/Button';
import { useTranslation } from 'react-i18next';
import { otherLanguage, storeLanguage, type Language } from '../i18n/language';

/** Switches between Chinese and English; the choice is remembered on this machine. */
export function LanguageSwitch({ color = 'inherit' }: { color?: 'inherit' | 'primary' }) {
  const { t, i18n } = useTranslation();
  const current: Language = i18n.language === 'en' ? 'en' : 'zh-CN';
  const switchLanguage = () => {
    const next = otherLanguage(current);
    storeLanguage(window.localStorage, next);
    void i18n.changeLanguage(next);
  };
  return (
    <Button color={color} startIcon={<TranslateIcon />} onClick={switchLanguage} title={t('language.hint')} lang={otherLanguage(current)}>
      {t('language.other')}
    </Button>
  );
}
