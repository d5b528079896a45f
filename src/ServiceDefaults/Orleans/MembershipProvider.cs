namespace UserManagement.ServiceDefaults.Orleans;

public enum MembershipProvider
{
    Localhost = 0,
    Redis = 1,
}
