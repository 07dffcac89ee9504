use superoffice_api::so_endpoint;

#[so_endpoint(GET "/api/v1//Contact/{id}")]
pub struct GetContact {
    id: i32,
}

fn main() {}
