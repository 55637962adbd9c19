import AddIcon from '@mui/icons-material/Add';
import DeleteIcon from '@mui/icons-material/DeleteOutlined';
import { Box, Button, Card, CardContent, IconButton, Stack, Tooltip, Typography } from '@mui/material';
import { useFieldArray, useFormContext, useWatch } from 'react-hook-form';
import { DateInput, SelectArrayInput, TextInput, maxLength, required, useTranslate } from 'react-admin';
import type { LineFormValue, WaveFormValue } from './helpers';

const endNotBeforeStart = (value: unknown, all: Record<string, unknown>, props: { source?: string } | undefined) => {
  if (!value || !props?.source) return undefined;
  const index = /^waves\.(\d+)\./.exec(props.source)?.[1];
  const wave = index === undefined ? undefined : ((all.waves as WaveFormValue[] | undefined) ?? [])[Number(index)];
  return wave?.startsOn && String(value) < String(wave.startsOn) ? 'app.plan.validation.wave_dates' : undefined;
};

/** The categories a wave may list: those of the plan's lines (and whatever it lists already). */
const useCategoryChoices = (index: number) => {
  const lines = (useWatch({ name: 'lines' }) as LineFormValue[] | undefined) ?? [];
  const current = (useWatch({ name: `waves.${index}.categories` }) as string[] | undefined) ?? [];
  const set = new Set<string>();
  for (const l of lines) if (l?.category?.trim()) set.add(l.category.trim());
  for (const c of current) if (c) set.add(c);
  return [...set].map((c) => ({ id: c, name: c }));
};

const WaveCard = ({ index, onRemove }: { index: number; onRemove: () => void }) => {
  const translate = useTranslate();
  const choices = useCategoryChoices(index);
  return (
    <Card variant="outlined" data-testid="plan-wave">
      <CardContent
        sx={{
          display: 'grid',
          gridTemplateColumns: { xs: '1fr', sm: '2fr 1fr 1fr' },
          columnGap: 2,
          '&:last-child': { pb: 1.5 },
        }}
      >
        <Stack direction="row" sx={{ gridColumn: '1 / -1', alignItems: 'center' }}>
          <Typography variant="subtitle2" sx={{ flex: 1 }}>
            {translate('app.plan.wave_n', { n: index + 1 })}
          </Typography>
          <Tooltip title={translate('app.plan.remove_wave')}>
            <IconButton size="small" onClick={onRemove} aria-label={translate('app.plan.remove_wave')}>
              <DeleteIcon fontSize="small" />
            </IconButton>
          </Tooltip>
        </Stack>
        <TextInput source={`waves.${index}.name`} label="resources.plans.fields.waveName" validate={[required(), maxLength(50)]} />
        <DateInput source={`waves.${index}.startsOn`} label="resources.plans.fields.startsOn" validate={required()} />
        <DateInput source={`waves.${index}.endsOn`} label="resources.plans.fields.endsOn" validate={endNotBeforeStart} />
        <Box sx={{ gridColumn: '1 / -1' }}>
          <SelectArrayInput
            source={`waves.${index}.categories`}
            label="resources.plans.fields.categories"
            choices={choices}
            helperText={choices.length ? false : 'app.plan.wave_categories_help'}
            fullWidth
          />
        </Box>
      </CardContent>
    </Card>
  );
};

/** 上市波段: for launch plans, each wave's name, dates and categories. */
export const WavesInput = () => {
  const translate = useTranslate();
  const { control } = useFormContext();
  const { fields, append, remove } = useFieldArray({ control, name: 'waves' });
  return (
    <Box sx={{ width: '100%' }} data-testid="plan-waves-input">
      <Stack spacing={1}>
        {fields.map((field, index) => (
          <WaveCard key={field.id} index={index} onRemove={() => remove(index)} />
        ))}
      </Stack>
      {!fields.length ? (
        <Typography variant="body2" color="text.secondary" sx={{ py: 1 }}>
          {translate('app.plan.no_waves')}
        </Typography>
      ) : null}
      <Button
        size="small"
        startIcon={<AddIcon />}
        sx={{ mt: 1 }}
        onClick={() => append({ name: '', startsOn: null, endsOn: null, categories: [] })}
      >
        {translate('app.plan.add_wave')}
      </Button>
    </Box>
  );
};

export default WavesInput;
