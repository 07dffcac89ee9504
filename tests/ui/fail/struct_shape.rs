use superoffice_api::so_endpoint;

#[so_endpoint(GET "/api/v1/Contact/{id}")]
#[derive(Default)]
pub struct GetContact<T> {
    id: T,
}

#[so_endpoint(GET "/api/v1/Person/{id}")]
pub struct GetPerson(i32);

#[so_endpoint(GET "/api/v1/Sale/{id}")]
pub enum GetSale {}

fn main() {}
