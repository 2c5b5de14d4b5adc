package org.pestle.identity.internal.camunda;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.GroupQuery;
import org.camunda.bpm.engine.identity.NativeUserQuery;
import org.camunda.bpm.engine.identity.Tenant;
import org.camunda.bpm.engine.identity.TenantQuery;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.identity.UserQuery;
import org.camunda.bpm.engine.impl.GroupQueryImpl;
import org.camunda.bpm.engine.impl.Page;
import org.camunda.bpm.engine.impl.TenantQueryImpl;
import org.camunda.bpm.engine.impl.UserQueryImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.ReadOnlyIdentityProvider;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.GroupEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TenantEntity;
import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;
import org.pestle.identity.Role;
import org.pestle.identity.internal.UserAccount;
import org.pestle.identity.internal.camunda.IdentityDirectory.Snapshot;

/**
 * Serves Pestle's users, groups and tenants to Camunda (Tasklist, Cockpit, Admin, REST). Read-only:
 * users are managed in Pestle. Passwords are never checked here: logins go through Spring Security,
 * so Camunda's own login form and HTTP Basic provider cannot bypass Pestle's login rules.
 */
class PestleIdentityProvider implements ReadOnlyIdentityProvider {

    private final IdentityDirectory directory;

    PestleIdentityProvider(IdentityDirectory directory) {
        this.directory = directory;
    }

    // --- users -------------------------------------------------------------------------------------

    @Override
    public User findUserById(String userId) {
        return directory.user(userId).map(PestleIdentityProvider::userEntity).orElse(null);
    }

    @Override
    public UserQuery createUserQuery() {
        return new Users(Context.getProcessEngineConfiguration().getCommandExecutorTxRequired());
    }

    @Override
    public UserQuery createUserQuery(CommandContext commandContext) {
        return new Users();
    }

    @Override
    public NativeUserQuery createNativeUserQuery() {
        throw new BadUserRequestException("Native user queries are not supported: users live in Pestle's tables");
    }

    @Override
    public boolean checkPassword(String userId, String password) {
        return false;
    }

    // --- groups ------------------------------------------------------------------------------------

    @Override
    public Group findGroupById(String groupId) {
        return allGroups().filter(g -> g.getId().equals(groupId)).findFirst().orElse(null);
    }

    @Override
    public GroupQuery createGroupQuery() {
        return new Groups(Context.getProcessEngineConfiguration().getCommandExecutorTxRequired());
    }

    @Override
    public GroupQuery createGroupQuery(CommandContext commandContext) {
        return new Groups();
    }

    // --- tenants -----------------------------------------------------------------------------------

    @Override
    public Tenant findTenantById(String tenantId) {
        var clinic = directory.snapshot().clinicsByCode().get(tenantId);
        return clinic == null ? null : tenantEntity(clinic.code(), clinic.name());
    }

    @Override
    public TenantQuery createTenantQuery() {
        return new Tenants(Context.getProcessEngineConfiguration().getCommandExecutorTxRequired());
    }

    @Override
    public TenantQuery createTenantQuery(CommandContext commandContext) {
        return new Tenants();
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }

    // --- helpers -----------------------------------------------------------------------------------

    private static PestleIdentityProvider provider(CommandContext context) {
        return (PestleIdentityProvider) context.getReadOnlyIdentityProvider();
    }

    private static Stream<Group> allGroups() {
        Stream<Group> roles = Arrays.stream(Role.values()).map(r -> groupEntity(r.groupId(), r.groupName(), "WORKFLOW"));
        return Stream.concat(roles, Stream.of(groupEntity(IdentityDirectory.CAMUNDA_ADMIN, "Camunda administrators",
                org.camunda.bpm.engine.authorization.Groups.GROUP_TYPE_SYSTEM)));
    }

    private static UserEntity userEntity(UserAccount account) {
        UserEntity user = new UserEntity(account.username());
        user.setFirstName(account.firstName());
        user.setLastName(account.lastName());
        user.setEmail(account.email());
        return user;
    }

    private static GroupEntity groupEntity(String id, String name, String type) {
        GroupEntity group = new GroupEntity(id);
        group.setName(name);
        group.setType(type);
        return group;
    }

    private static TenantEntity tenantEntity(String id, String name) {
        TenantEntity tenant = new TenantEntity(id);
        tenant.setName(name);
        return tenant;
    }

    private static boolean like(String value, String pattern) {
        if (pattern == null) {
            return true;
        }
        if (value == null) {
            return false;
        }
        String regex = Arrays.stream(pattern.split("%", -1)).map(Pattern::quote)
                .reduce((a, b) -> a + ".*" + b).orElse("");
        return Pattern.compile(regex, Pattern.CASE_INSENSITIVE).matcher(value).matches();
    }

    private static boolean equalOrUnset(String filter, String value) {
        return filter == null || filter.equals(value);
    }

    private static boolean inOrUnset(String[] filter, String value) {
        return filter == null || Arrays.asList(filter).contains(value);
    }

    private static <T> List<T> page(Stream<T> items, Page page) {
        Stream<T> stream = items;
        if (page != null) {
            stream = stream.skip(page.getFirstResult()).limit(page.getMaxResults());
        }
        return stream.toList();
    }

    // --- queries -----------------------------------------------------------------------------------

    static class Users extends UserQueryImpl {

        Users() {
        }

        Users(org.camunda.bpm.engine.impl.interceptor.CommandExecutor executor) {
            super(executor);
        }

        @Override
        public long executeCount(CommandContext context) {
            return matching(context).count();
        }

        @Override
        public List<User> executeList(CommandContext context, Page page) {
            return page(matching(context).map(a -> (User) userEntity(a)), page);
        }

        private Stream<UserAccount> matching(CommandContext context) {
            Snapshot snapshot = provider(context).directory.snapshot();
            return snapshot.users().stream()
                    .filter(u -> equalOrUnset(id, u.username()) && inOrUnset(ids, u.username()))
                    .filter(u -> equalOrUnset(firstName, u.firstName()) && like(u.firstName(), firstNameLike))
                    .filter(u -> equalOrUnset(lastName, u.lastName()) && like(u.lastName(), lastNameLike))
                    .filter(u -> equalOrUnset(email, u.email()) && like(u.email(), emailLike))
                    .filter(u -> groupId == null || snapshot.groupsOf(u).contains(groupId))
                    .filter(u -> tenantId == null || snapshot.tenantsOf(u).contains(tenantId));
        }
    }

    static class Groups extends GroupQueryImpl {

        Groups() {
        }

        Groups(org.camunda.bpm.engine.impl.interceptor.CommandExecutor executor) {
            super(executor);
        }

        @Override
        public long executeCount(CommandContext context) {
            return matching(context).count();
        }

        @Override
        public List<Group> executeList(CommandContext context, Page page) {
            return page(matching(context), page);
        }

        private Stream<Group> matching(CommandContext context) {
            var memberOf = userId == null ? null
                    : provider(context).directory.user(userId)
                            .map(u -> new Snapshot(List.of(u), List.of()).groupsOf(u)).orElse(java.util.Set.of());
            return allGroups()
                    .filter(g -> equalOrUnset(id, g.getId()) && inOrUnset(ids, g.getId()))
                    .filter(g -> equalOrUnset(name, g.getName()) && like(g.getName(), nameLike))
                    .filter(g -> equalOrUnset(type, g.getType()))
                    .filter(g -> memberOf == null || memberOf.contains(g.getId()))
                    .filter(g -> tenantId == null);
        }
    }

    static class Tenants extends TenantQueryImpl {

        Tenants() {
        }

        Tenants(org.camunda.bpm.engine.impl.interceptor.CommandExecutor executor) {
            super(executor);
        }

        @Override
        public long executeCount(CommandContext context) {
            return matching(context).count();
        }

        @Override
        public List<Tenant> executeList(CommandContext context, Page page) {
            return page(matching(context), page);
        }

        private Stream<Tenant> matching(CommandContext context) {
            Snapshot snapshot = provider(context).directory.snapshot();
            var memberOf = userId == null ? null
                    : snapshot.users().stream().filter(u -> u.username().equals(userId)).findFirst()
                            .map(snapshot::tenantsOf).orElse(java.util.Set.of());
            return snapshot.clinics().stream()
                    .filter(c -> equalOrUnset(id, c.code()) && inOrUnset(ids, c.code()))
                    .filter(c -> equalOrUnset(name, c.name()) && like(c.name(), nameLike))
                    .filter(c -> memberOf == null || memberOf.contains(c.code()))
                    .filter(c -> groupId == null)
                    .map(c -> (Tenant) tenantEntity(c.code(), c.name()))
                    .filter(Objects::nonNull);
        }
    }
}
