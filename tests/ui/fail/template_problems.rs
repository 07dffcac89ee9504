use superoffice_api::so_endpoint;

#[so_endpoint(GET "/v1/Contact/{id}?x=1")]
pub struct A {
    id: i32,
}

#[so_endpoint(GET "/api/v1/Contact/{}/{a}-{b}")]
pub struct B {
    a: i32,
    b: i32,
}

#[so_endpoint(GET "/api/v1/Contact/id}")]
pub struct C {}

fn main() {}
