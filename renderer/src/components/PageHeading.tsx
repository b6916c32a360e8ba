import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';

/** The page's one h1 (styled as h5), with the page's main actions on the right. */
export function PageHeading(props: { title: string; subtitle?: string; actions?: ReactNode }) {
  return (
    <Box sx={{ display: 'flex', alignItems: 'flex-end', gap: 2, mb: 2, flexWrap: 'wrap' }}>
      <Box sx={{ flexGrow: 1 }}>
        <Typography variant="h5" component="h1">
          {props.title}
        </Typography>
        {props.subtitle ? (
          <Typography variant="body2" color="text.secondary">
            {props.subtitle}
          </Typography>
        ) : null}
      </Box>
      {props.actions}
    </Box>
  );
}
