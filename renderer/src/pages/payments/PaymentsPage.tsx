import { queryFromHash } from '../../router/hash-route';
import { useHash } from '../../router/use-hash-path';
import { RequestDetail } from './RequestDetail';
import { RequestForm } from './RequestForm';
import { RequestList } from './RequestList';

/**
 * 支付申请: `#/payments` the list, `#/payments?id=…` one request (attachments, route),
 * `#/payments?new=1` a new request, `#/payments?edit=…` a draft (or returned request) to edit.
 */
export function PaymentsPage() {
  const [hash] = useHash();
  const query = queryFromHash(hash);
  const id = query.get('id');
  const edit = query.get('edit');
  if (query.get('new') === '1') return <RequestForm key="new" requestId={null} />;
  if (edit) return <RequestForm key={`edit-${edit}`} requestId={edit} />;
  if (id) return <RequestDetail key={id} requestId={id} />;
  return <RequestList />;
}
