use superoffice_api::so_endpoint;

#[so_endpoint(GET "/api/v1/Contact/{id}")]
pub struct GetContact {
    id: i32,
    /// Meant as a query parameter, but not marked.
    culture: String,
}

fn main() {}
