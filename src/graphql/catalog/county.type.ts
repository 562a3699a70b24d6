import { Field, ObjectType } from 'type-graphql';
import { CountyKindValue } from '../shared/enums.js';

@ObjectType({ simpleResolvers: true, description: "A county, county-level city, district or zone of Xuchang (许昌市县（市、区）): where firms are registered and who pays a county match." })
export class County {
  @Field(() => String, { description: 'Stable code, e.g. "yuzhou"; a county payer is "county-<code>".' })
  code!: string;

  @Field(() => String, { description: 'Chinese name, e.g. 禹州市.' })
  nameZh!: string;

  @Field(() => String, { description: 'English name, e.g. Yuzhou City.' })
  name!: string;

  @Field(() => CountyKindValue, { description: 'District, county-level city, county or zone.' })
  kind!: `${CountyKindValue}`;
}
