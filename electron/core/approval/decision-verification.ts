import { decisionPayloadHash } from '../../../shared/approval/decision-payload';
import { sm2Verify } from '../../../shared/crypto';
import { keyValidAt } from '../../../shared/domain/key-history';
import type { ApprovalDecisionDoc, UserDoc } from '../db/schemas';

/**
 * The three things a signed 审批意见 must prove, checked separately so the sheet can say which
 * one fails: the SM2 signature is sound for the recorded key; that key was the signer's own at
 * the signing time (keyHistory); and what was signed is this decision about this content.
 */
export interface DecisionVerification {
  signatureValid: boolean;
  keyBelongsToSigner: boolean;
  /** the signed hash recomputes from the stored decision and the request's current content */
  contentMatches: boolean;
  status: 'valid' | 'invalid' | 'contentChanged';
  message: string;
}

export function verifyDecision(decision: ApprovalDecisionDoc, contentHash: string, signer: UserDoc | undefined): DecisionVerification {
  const signatureValid = (() => {
    try {
      return sm2Verify(decision.signedPayloadHash, decision.signature, decision.signerPublicKey);
    } catch {
      return false;
    }
  })();
  const keyBelongsToSigner = signer !== undefined && keyValidAt(signer.keyHistory, decision.signedAt) === decision.signerPublicKey;
  const contentMatches = decisionPayloadHash(decision, contentHash) === decision.signedPayloadHash;
  if (!signatureValid) return { signatureValid, keyBelongsToSigner, contentMatches, status: 'invalid', message: 'SM2 签名验证失败：签名与所签内容不符' };
  if (!keyBelongsToSigner) return { signatureValid, keyBelongsToSigner, contentMatches, status: 'invalid', message: '签名密钥不是签署人签署时持有的密钥' };
  if (!contentMatches) {
    return { signatureValid, keyBelongsToSigner, contentMatches, status: 'contentChanged', message: '签名有效，但签署的是申请的早先内容（退回修改后内容已变化）或意见已被改动' };
  }
  return { signatureValid, keyBelongsToSigner, contentMatches, status: 'valid', message: 'SM2 签名有效，签署内容与当前申请一致' };
}
