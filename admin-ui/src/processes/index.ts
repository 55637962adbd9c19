import ProcessIcon from '@mui/icons-material/AccountTree';
import type { ResourceProps } from 'react-admin';
import { ProcessList } from './ProcessList';
import { ProcessShow } from './ProcessShow';

const processes: Omit<ResourceProps, 'name'> = {
  list: ProcessList,
  show: ProcessShow,
  icon: ProcessIcon,
  recordRepresentation: 'title',
};

export default processes;
