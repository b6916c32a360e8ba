import { queryFromHash } from '../../router/hash-route';
import { useHash } from '../../router/use-hash-path';
import { ProjectDetail } from './ProjectDetail';
import { ProjectList } from './ProjectList';
import { WarningReport } from './WarningReport';

/**
 * 项目与预算: `#/projects` the list, `#/projects?id=…` one project with its budget lines,
 * `#/projects?view=report` the printable warning report (R8).
 */
export function ProjectsPage() {
  const [hash] = useHash();
  const query = queryFromHash(hash);
  const id = query.get('id');
  if (query.get('view') === 'report') return <WarningReport />;
  if (id) return <ProjectDetail key={id} projectId={id} />;
  return <ProjectList />;
}
