// The role list is written once in code (domain/approval.ts) and once in the database enum
// (prisma/schema.prisma); they must name the same roles.
import { ROLES } from '../domain/approval';
import { Role } from '../generated/prisma/enums';

test('the roles in code are the roles of the database enum', () => {
  expect([...ROLES].sort()).toEqual(Object.values(Role).sort());
});
