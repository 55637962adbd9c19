import { MenuItem, TextField, type TextFieldProps } from '@mui/material';
import { useEffect } from 'react';
import { useGetList } from 'react-admin';

export interface SeasonOption {
  id: string;
  code?: string;
  name?: string;
}

const seasonCode = (s: SeasonOption) => String(s.code ?? s.id);

/** The seasons (GET /api/seasons), newest first; when `season` is still empty it is set to the newest one. */
export const useSeasons = (season: string, setSeason: (code: string) => void, enabled = true) => {
  const { data: seasons = [] } = useGetList<SeasonOption>(
    'seasons',
    { pagination: { page: 1, perPage: 100 }, sort: { field: 'startsOn', order: 'DESC' } },
    { enabled },
  );
  useEffect(() => {
    if (!season && seasons.length) setSeason(seasonCode(seasons[0]!));
  }, [season, seasons, setSeason]);
  return seasons;
};

/**
 * A plain select of the seasons (code · name), outside a react-admin form: the select's display
 * carries `testId`, each option `optionTestId` (when given) and `data-season`.
 */
export const SeasonSelect = ({
  seasons,
  value,
  onChange,
  testId,
  optionTestId,
  ...props
}: {
  seasons: SeasonOption[];
  value: string;
  onChange: (code: string) => void;
  testId: string;
  optionTestId?: string;
} & Omit<TextFieldProps, 'value' | 'onChange' | 'select' | 'children'>) => (
  <TextField
    select
    {...props}
    value={seasons.some((s) => seasonCode(s) === value) ? value : ''}
    onChange={(e) => onChange(e.target.value)}
    slotProps={{ select: { SelectDisplayProps: { 'data-testid': testId } as object } }}
  >
    {seasons.map((s) => {
      const code = seasonCode(s);
      return (
        <MenuItem key={code} value={code} data-testid={optionTestId} data-season={code}>
          {[code, s.name].filter(Boolean).join(' · ')}
        </MenuItem>
      );
    })}
  </TextField>
);
