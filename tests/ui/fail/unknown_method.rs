use superoffice_api::so_endpoint;

#[so_endpoint(FETCH "/api/v1/Contact/{id}")]
pub struct GetContact {
    id: i32,
}

#[so_endpoint(get "/api/v1/Person/{id}")]
pub struct GetPerson {
    id: i32,
}

fn main() {}
