import { PostingRuleBody, PostingRuleParams } from '../../../contracts/posting-rules';
import { authOf, type ZodApp } from '../../http/zod-app';
import type { Services } from '../../services';

export function postingRulesRoutes(app: ZodApp, s: Services) {
  app.get('/posting-rules', { config: { access: 'accounts.read' }, schema: { tags: ['accounts'] } }, (req) => s.postingRules.list(authOf(req)));
  app.put('/posting-rules/:kind/:key', { config: { access: 'accounts.manage' }, schema: { tags: ['accounts'], params: PostingRuleParams, body: PostingRuleBody } }, (req) =>
    s.postingRules.set(authOf(req), req.params.kind, req.params.key, req.body.account),
  );
  app.delete('/posting-rules/:kind/:key', { config: { access: 'accounts.manage' }, schema: { tags: ['accounts'], params: PostingRuleParams } }, (req) =>
    s.postingRules.reset(authOf(req), req.params.kind, req.params.key),
  );
}
