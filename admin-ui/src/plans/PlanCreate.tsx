import SaveIcon from '@mui/icons-material/Save';
import { Alert, Box } from '@mui/material';
import { useWatch } from 'react-hook-form';
import {
  Create,
  SaveButton,
  SelectInput,
  SimpleForm,
  TextInput,
  Toolbar,
  maxLength,
  required,
  useTranslate,
  type RaRecord,
} from 'react-admin';
import { SeasonInput } from '../common';
import { linesToApi, wavesToApi, type PlanFormValues } from './helpers';
import { LinesInput } from './LinesInput';
import { planTypeChoices } from './types';
import { WavesInput } from './WavesInput';
import { FormSection } from '../common/FormSection';

const Section = FormSection;

/** 上市波段 only for launch plans. */
const WavesSection = () => {
  const type = useWatch({ name: 'type' }) as string | undefined;
  if (type !== 'launch') return null;
  return (
    <Box sx={{ width: '100%' }}>
      <Section title="app.plan.waves" />
      <WavesInput />
    </Box>
  );
};

const CreateToolbar = () => {
  const translate = useTranslate();
  return (
    <Toolbar>
      <SaveButton label={translate('app.plan.create_draft')} icon={<SaveIcon />} data-testid="plan-create-submit" alwaysEnable />
    </Toolbar>
  );
};

type CreateValues = PlanFormValues & { season?: string; type?: string };

/** Form values → POST /api/plans: amounts typed in yuan become integer fen. */
const transform = (data: CreateValues) => ({
  season: data.season,
  type: data.type,
  title: data.title?.trim(),
  lines: linesToApi(data.lines),
  ...(data.type === 'launch' ? { waves: wavesToApi(data.waves) } : {}),
});

const defaultValues = {
  type: 'purchase',
  lines: [{ category: '', regionId: null, storeId: null, qty: null, amountFen: '' }],
  waves: [],
};

/** A new plan (draft): season, type, title, its lines and, for a launch plan, its waves. */
export const PlanCreate = () => {
  const translate = useTranslate();
  return (
    <Create
      title="app.plan.create_title"
      transform={transform}
      redirect={(_resource?: string, id?: unknown, data?: Partial<RaRecord>) =>
        `/plans/${encodeURIComponent(String(data?.id ?? id ?? ''))}/show`
      }
    >
      <SimpleForm toolbar={<CreateToolbar />} defaultValues={defaultValues} sx={{ maxWidth: 1100 }}>
        <Alert severity="info" sx={{ mb: 2, width: '100%', boxSizing: 'border-box' }}>
          {translate('app.plan.create_hint')}
        </Alert>
        <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr' }, columnGap: 2, width: '100%' }}>
          <SeasonInput source="season" validate={required()} />
          <SelectInput source="type" choices={planTypeChoices} validate={required()} />
        </Box>
        <TextInput source="title" validate={[required(), maxLength(200)]} fullWidth />
        <Section title="app.plan.lines" />
        <LinesInput />
        <WavesSection />
      </SimpleForm>
    </Create>
  );
};

export default PlanCreate;
