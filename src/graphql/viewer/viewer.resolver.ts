import { Authorized, Ctx, Query, Resolver } from 'type-graphql';
import type { Principal } from '../auth/principal.js';
import { Viewer } from './viewer.type.js';

@Resolver(() => Viewer)
export class ViewerResolver {
  @Authorized()
  @Query(() => Viewer, { description: 'Who the token in this request says the caller is. Any role.' })
  viewer(@Ctx() { principal }: { principal: Principal }): Viewer {
    return { subject: principal.subject, role: principal.role, creditCode: principal.creditCode ?? null };
  }
}
