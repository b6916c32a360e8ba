import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Divider from '@mui/material/Divider';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DemoDialog, type DemoCreated } from './DemoDialog';

/** The clearly secondary choice under the first-run form: look around with 体验数据 first. */
export function DemoOffer({ onCreated }: { onCreated: (demo: DemoCreated) => void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <Box sx={{ mt: 3 }}>
      <Divider sx={{ mb: 2 }} />
      <Typography variant="subtitle2" component="h2">
        {t('demo.offerTitle')}
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
        {t('demo.offerBody')}
      </Typography>
      <Button variant="outlined" size="small" onClick={() => setOpen(true)}>
        {t('demo.offerButton')}
      </Button>
      {open ? (
        <DemoDialog
          onClose={() => setOpen(false)}
          onCreated={(demo) => {
            setOpen(false);
            onCreated(demo);
          }}
        />
      ) : null}
    </Box>
  );
}
