namespace UserManagement.ServiceDefaults.Orleans;

public enum ClusteringProvider
{
    Localhost = 0,
    Redis = 1,
}
