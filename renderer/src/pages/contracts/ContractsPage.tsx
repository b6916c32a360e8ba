import { queryFromHash } from '../../router/hash-route';
import { useHash } from '../../router/use-hash-path';
import { ContractDetail } from './ContractDetail';
import { ContractList } from './ContractList';

/** 合同: `#/contracts` the list with filters, `#/contracts?id=…` one contract. */
export function ContractsPage() {
  const [hash] = useHash();
  const id = queryFromHash(hash).get('id');
  if (id) return <ContractDetail key={id} contractId={id} />;
  return <ContractList />;
}
