import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { retryingConcurrencyFailures } from '@shequ/messaging';
import type { SubgraphContext } from '@shequ/subgraph';
import { importAddressRegister, readAddressRegister } from '../application/import-address-register.js';
import { ImportAddressRegisterInput, ImportAddressRegisterPayload } from './address-register.inputs.js';

@Resolver()
export class AddressRegisterResolver {
  @Mutation(() => ImportAddressRegisterPayload, {
    description:
      '标准地址导入（一标三实，需 places:write）：登记本社区的楼栋与住房（单元、室），逐行返回结果；坏行不影响好行；重复导入无变化',
  })
  importAddressRegister(
    @Arg('input', () => ImportAddressRegisterInput, { description: '导入文件' }) input: ImportAddressRegisterInput,
    @Ctx() ctx: SubgraphContext,
  ) {
    ctx.access.require('places:write');
    const source = readAddressRegister(input.format, input.content);
    // one transaction, run again from scratch when the database aborts it as a deadlock or serialisation failure
    return retryingConcurrencyFailures(() =>
      ctx.transaction((uow) => importAddressRegister(uow, source, ctx.communityId)),
    );
  }
}
