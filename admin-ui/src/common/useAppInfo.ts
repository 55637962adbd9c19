import { useQuery } from '@tanstack/react-query';
import { useDataProvider } from 'react-admin';
import type { AppDataProvider } from '../dataProvider';
import type { AppInfo } from './types';
import { DEFAULT_TZ } from './format';

const FALLBACK: AppInfo = { temporalUiUrl: null, temporalNamespace: 'default', tzBusiness: DEFAULT_TZ };

/** GET /api/info (Temporal UI link, business zone), fetched once per session. */
export const useAppInfo = (): AppInfo => {
  const dataProvider = useDataProvider<AppDataProvider>();
  const { data } = useQuery({
    queryKey: ['app-info'],
    queryFn: () => dataProvider.getInfo(),
    staleTime: Infinity,
    gcTime: Infinity,
    retry: false,
  });
  return { ...FALLBACK, ...(data ?? {}), tzBusiness: data?.tzBusiness || DEFAULT_TZ };
};

/** Link to a workflow in the Temporal Web UI, or null when the deployment has none. */
export const temporalWorkflowUrl = (info: AppInfo, workflowId: string): string | null =>
  info.temporalUiUrl
    ? `${info.temporalUiUrl.replace(/\/+$/, '')}/namespaces/${encodeURIComponent(info.temporalNamespace || 'default')}/workflows/${encodeURIComponent(workflowId)}`
    : null;
