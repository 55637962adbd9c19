import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type MutableRefObject, type ReactNode } from 'react';
import { useFormContext, type UseFormReturn } from 'react-hook-form';
import { Form, HttpError, useDataProvider, useNotify, useRefresh, useTranslate } from 'react-admin';
import { errorMessage } from '../common';
import { detailList } from './api';
import { linesToApi, linesToForm, wavesToApi, wavesToForm, type PlanFormValues } from './helpers';
import type { Plan } from './types';

interface PlanSaver {
  /** Saves the form (PUT /api/plans/:id); false when it failed (field errors are set on the form). */
  save: (values: PlanFormValues) => Promise<boolean>;
}

const SaveContext = createContext<PlanSaver | null>(null);
const DetailsContext = createContext<{ key: string; message: string }[]>([]);

/** The saver of the plan form, or null when the page is read-only. */
export const usePlanSaver = () => useContext(SaveContext);
export const useSaveDetails = () => useContext(DetailsContext);

/** The react-hook-form of the plan page, or null when the page is read-only. */
export const usePlanForm = (): UseFormReturn<PlanFormValues> | null => (useFormContext() as UseFormReturn<PlanFormValues> | null) ?? null;

/** Form values → PUT /api/plans/:id body. */
export const toPutBody = (plan: Plan, values: PlanFormValues) => ({
  ...(values.title !== undefined ? { title: String(values.title).trim() } : {}),
  lines: linesToApi(values.lines),
  ...(plan.type === 'launch' ? { waves: wavesToApi(values.waves) } : {}),
  ...(values.comment?.trim() ? { comment: values.comment.trim() } : {}),
});

type Details = { key: string; message: string }[];

const Saver = ({
  plan,
  children,
  setDetails,
  saveRef,
}: {
  plan: Plan;
  children: ReactNode;
  setDetails: (d: Details) => void;
  saveRef: MutableRefObject<((values: PlanFormValues) => Promise<boolean>) | null>;
}) => {
  const form = useFormContext<PlanFormValues>();
  const dataProvider = useDataProvider();
  const notify = useNotify();
  const refresh = useRefresh();
  const translate = useTranslate();
  const save = useCallback(
    async (values: PlanFormValues) => {
      setDetails([]);
      try {
        await dataProvider.update('plans', { id: plan.id, data: toPutBody(plan, values), previousData: plan });
        notify('app.plan.saved', { type: 'success' });
        refresh();
        return true;
      } catch (error) {
        if (error instanceof HttpError && error.status === 422) {
          const details = detailList(error);
          for (const d of details) {
            if (d.key && d.key !== '_' && d.key !== 'root') form.setError(d.key as never, { type: 'server', message: d.message });
          }
          setDetails(details);
          notify(error.message || 'ra.message.invalid_form', { type: 'error' });
        } else {
          notify(errorMessage(error, translate), { type: 'error', multiLine: true });
          refresh();
        }
        return false;
      }
    },
    [dataProvider, form, notify, plan, refresh, setDetails, translate],
  );
  useEffect(() => {
    saveRef.current = save;
  }, [save, saveRef]);
  const value = useMemo(() => ({ save }), [save]);
  return <SaveContext.Provider value={value}>{children}</SaveContext.Provider>;
};

/**
 * While the plan may be edited (draft, sent back) by this user, the whole page is one form:
 * the line grid and waves are inputs, and submit saves unsaved changes first.
 */
export const PlanFormProvider = ({ plan, editable, children }: { plan: Plan; editable: boolean; children: ReactNode }) => {
  const [details, setDetails] = useState<Details>([]);
  const saveRef = useRef<((values: PlanFormValues) => Promise<boolean>) | null>(null);
  const record = useMemo(
    () => ({
      id: plan.id,
      title: plan.title,
      comment: '',
      lines: linesToForm(plan.revision?.lines),
      waves: wavesToForm(plan.revision?.waves),
    }),
    [plan],
  );
  if (!editable) return <DetailsContext.Provider value={[]}>{children}</DetailsContext.Provider>;
  return (
    <DetailsContext.Provider value={details}>
      <Form
        record={record}
        onSubmit={async (values: Record<string, unknown>) => {
          await saveRef.current?.(values as PlanFormValues);
        }}
        warnWhenUnsavedChanges
        noValidate
      >
        <Saver plan={plan} setDetails={setDetails} saveRef={saveRef}>
          {children}
        </Saver>
      </Form>
    </DetailsContext.Provider>
  );
};
